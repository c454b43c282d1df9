import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import type { StoredDelivery } from '../../../src/main/core/webhooks/deliveryRecord'
import { SIGN_AHEAD_AT_MOST, SignedAhead } from '../../../src/main/core/webhooks/signedAhead'
import { newSigningSecret } from '../../../src/main/core/webhooks/signingSecrets'

const secret = newSigningSecret()
// Now: the reference library refuses a signature more than five minutes old.
const at = new Date()

function delivery(n: number): StoredDelivery {
  return {
    id: `dl_${n}`,
    seq: n,
    endpointId: 'ep_1',
    eventId: `event-${n}`,
    eventType: 'schema.updated',
    occurredAt: at.toISOString(),
    data: { schemaId: `schema-${n}` },
    state: 'queued',
    attempts: [],
    queuedAt: at.toISOString(),
  }
}

const backlog = Array.from({ length: 50 }, (_, i) => delivery(i + 1))

describe('signing a backlog ahead', () => {
  it('hands out each signed request once, for the same secrets, within a second of its signing', () => {
    const ahead = new SignedAhead()
    ahead.fill(backlog, [secret], at, 0)
    const signed = ahead.take('dl_1', [secret], at.getTime() + 999)
    expect(signed).toBeDefined()
    const verified = new Webhook(secret).verify(signed!.body, signed!.headers)
    expect(verified).toMatchObject({ data: { schemaId: 'schema-1' } })
    expect(ahead.take('dl_1', [secret], at.getTime())).toBeUndefined()
    expect(ahead.take('dl_2', [secret], at.getTime() + 1_000)).toBeUndefined()
    expect(ahead.take('dl_3', [newSigningSecret()], at.getTime())).toBeUndefined()
    expect(ahead.take('dl_4', [secret, newSigningSecret()], at.getTime())).toBeUndefined()
    expect(ahead.take('dl_5', [secret], at.getTime() - 1)).toBeUndefined()
    expect(ahead.take('dl_6', [secret], at.getTime())).toBeDefined()
  })

  it('signs as many as the endpoint takes in a second at its last pace, up to the cap', () => {
    const signedCount = (lastLatencyMs: number) => {
      const ahead = new SignedAhead()
      ahead.fill(backlog, [secret], at, lastLatencyMs)
      return backlog.filter((d) => ahead.take(d.id, [secret], at.getTime())).length
    }
    expect(signedCount(0)).toBe(SIGN_AHEAD_AT_MOST)
    expect(signedCount(99)).toBe(10)
    expect(signedCount(5_000)).toBe(1)
  })

  it('forgets what it signed before when it signs again', () => {
    const ahead = new SignedAhead()
    ahead.fill(backlog, [secret], at, 0)
    ahead.fill(backlog.slice(40), [secret], at, 0)
    expect(ahead.take('dl_1', [secret], at.getTime())).toBeUndefined()
    expect(ahead.take('dl_41', [secret], at.getTime())).toBeDefined()
  })
})
