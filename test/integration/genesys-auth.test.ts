import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { getOrganizationMe } from '../../src/main/core/genesys'
import { manualClock } from '../../src/main/sandbox'
import { apiCalls, clientFor, useSandbox } from './genesys-helpers'

/** The sandbox's own time, apart from each client's: tokens expire on the server only when a test says so. */
const serverClock = manualClock()
const sandbox = useSandbox({ tokenLifetimeSeconds: 3600, clock: serverClock })

describe('token refresh', () => {
  it('N concurrent requests share one token request, and one refresh when it nears expiry', async () => {
    const clock = manualClock()
    const { client } = clientFor(sandbox(), { now: clock.now })
    const before = sandbox().stats().tokensIssued

    const first = await Promise.all(Array.from({ length: 20 }, () => getOrganizationMe(client)))
    expect(first.every((r) => r.status === 200)).toBe(true)
    expect(sandbox().stats().tokensIssued - before).toBe(1)
    const token1 = await client.token()

    // 3600 s token: still cached 59 min in, refreshed once inside the last 60 s.
    clock.advance((3600 - 61) * 1000)
    await Promise.all(Array.from({ length: 5 }, () => getOrganizationMe(client)))
    expect(sandbox().stats().tokensIssued - before).toBe(1)

    clock.advance(2000)
    const second = await Promise.all(Array.from({ length: 20 }, () => getOrganizationMe(client)))
    expect(second.every((r) => r.status === 200)).toBe(true)
    expect(sandbox().stats().tokensIssued - before).toBe(2)
    const token2 = await client.token()
    expect(token2.accessToken).not.toBe(token1.accessToken)
  })

  it('one caller cancelling does not cancel the shared refresh for the others', async () => {
    sandbox().setFaults({ routes: '^/oauth/token', latencyMs: 300 })
    try {
      const { client } = clientFor(sandbox())
      const before = sandbox().stats().tokensIssued
      const controller = new AbortController()
      const cancelled = client.token(controller.signal)
      const patient = client.token()
      controller.abort()
      await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' })
      const token = await patient
      expect(token.accessToken).toEqual(expect.any(String))
      expect(sandbox().stats().tokensIssued - before).toBe(1)
    } finally {
      sandbox().setFaults({})
    }
  })

  it('a failed refresh fails every waiting caller, and the next call tries again', async () => {
    const { client } = clientFor(sandbox(), { clientSecret: 'not-the-secret' })
    const results = await Promise.allSettled([client.token(), client.token(), getOrganizationMe(client)])
    for (const result of results) {
      expect(result.status).toBe('rejected')
      const reason = (result as PromiseRejectedResult).reason as AppError
      expect(reason.code).toBe('unauthorized')
    }
    await expect(client.token()).rejects.toMatchObject({ code: 'unauthorized' })
  })
})

describe('401 from the API', () => {
  it('invalidates the token, refreshes once and retries once', async () => {
    sandbox().setOptions({ tokenLifetimeSeconds: 1 })
    try {
      // The client's clock stands still, so only the server knows the token has expired.
      const clock = manualClock()
      const { client, calls } = clientFor(sandbox(), { now: clock.now })
      await getOrganizationMe(client)
      const before = sandbox().stats().tokensIssued
      serverClock.advance(1000)

      const org = await getOrganizationMe(client)
      expect(org.status).toBe(200)
      expect(org.retries).toBe(1)
      expect(sandbox().stats().tokensIssued - before).toBe(1)
      const api = apiCalls(calls)
      expect(api.slice(-2)).toEqual([
        expect.objectContaining({ status: 401, outcome: 'retry', errorCode: 'unauthorized', attempt: 1 }),
        expect.objectContaining({ status: 200, outcome: 'ok', attempt: 2 }),
      ])
      expect(api.at(-2)?.correlationId).toEqual(expect.any(String))
    } finally {
      sandbox().setOptions({ tokenLifetimeSeconds: 3600 })
    }
  })
})
