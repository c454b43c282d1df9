import { describe, expect, it } from 'vitest'
import { AuditInputSchema, checkAuditInput } from '../../../src/main/core/audit/auditInput'

const valid = {
  profile: 'Sandbox',
  org: 'Sandbox org',
  action: 'webhook.delivery.attempt',
  target: '127.0.0.1:4000',
  outcome: 'ok',
  latencyMs: 3,
  correlationId: 'c-1',
  detail: { endpointId: 'ep_1', attempt: 1, ok: true, status: null },
}

/** Inputs the schema refuses, each a small change to a valid one. */
const invalid: [string, unknown][] = [
  ['not an object', 'webhook'],
  ['an array', [valid]],
  ['an unknown field', { ...valid, extra: 1 }],
  ['a missing field', { ...valid, org: undefined }],
  ['an empty action', { ...valid, action: '' }],
  ['a profile too long', { ...valid, profile: 'p'.repeat(201) }],
  ['a target too long', { ...valid, target: 't'.repeat(2001) }],
  ['an unknown outcome', { ...valid, outcome: 'maybe' }],
  ['a negative latency', { ...valid, latencyMs: -1 }],
  ['an infinite latency', { ...valid, latencyMs: Infinity }],
  ['a correlation id too long', { ...valid, correlationId: 'c'.repeat(201) }],
  ['a detail that is an array', { ...valid, detail: [1] }],
  ['an empty detail key', { ...valid, detail: { '': 1 } }],
  ['a detail key too long', { ...valid, detail: { ['k'.repeat(101)]: 1 } }],
  ['a detail value that is an object', { ...valid, detail: { nested: { a: 1 } } }],
  ['a detail value that is NaN', { ...valid, detail: { count: Number.NaN } }],
  ['a detail value that is a list', { ...valid, detail: { fields: ['a', 'b'] } }],
]

describe('the audit input check', () => {
  it('returns a valid input as the schema would', () => {
    expect(checkAuditInput(valid)).toEqual(AuditInputSchema.parse(valid))
    const minimal = { profile: '', org: '', action: 'a', target: '', outcome: 'error' }
    expect(checkAuditInput(minimal)).toEqual(AuditInputSchema.parse(minimal))
  })

  it('accepts what the schema accepts beyond the fast check (an optional field given as undefined)', () => {
    const input = { ...valid, latencyMs: undefined }
    expect(AuditInputSchema.safeParse(input).success).toBe(true)
    expect(checkAuditInput(input)).toMatchObject({ action: valid.action })
  })

  it.each(invalid)('refuses %s, as the schema does', (_what, input) => {
    expect(AuditInputSchema.safeParse(input).success).toBe(false)
    expect(() => checkAuditInput(input)).toThrow()
  })
})
