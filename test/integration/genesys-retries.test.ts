import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { getOrganizationMe } from '../../src/main/core/genesys'
import { apiCalls, clientFor, useSandbox } from './genesys-helpers'

const sandbox = useSandbox()
/** Jitter pinned to the top of each window, so the exponential ceilings show. */
const topJitter = { baseMs: 500, capMs: 30_000, random: () => 0.999999 }

afterEach(() => {
  sandbox().setFaults({})
  sandbox().setOptions({ rateLimitPerMinute: 300 })
})

describe('429', () => {
  it('waits the Retry-After seconds the header gave, then succeeds', async () => {
    const { client, calls, waits } = clientFor(sandbox(), { afterWait: () => sandbox().setFaults({}) })
    await client.token()
    sandbox().setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 7 })
    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    expect(org.retries).toBe(1)
    expect(waits).toEqual([7000])
    expect(apiCalls(calls)).toEqual([
      expect.objectContaining({ status: 429, outcome: 'retry', retryAfterSeconds: 7, errorCode: 'rate_limited', attempt: 1 }),
      expect.objectContaining({ status: 200, outcome: 'ok', attempt: 2 }),
    ])
  })

  it('the per-token budget: the wait is what the sandbox asked for', async () => {
    sandbox().setOptions({ rateLimitPerMinute: 3 })
    const { client, calls, waits } = clientFor(sandbox(), { afterWait: () => sandbox().setOptions({ rateLimitPerMinute: 300 }) })
    for (let i = 0; i < 3; i++) await getOrganizationMe(client)
    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    const limited = apiCalls(calls).find((c) => c.status === 429)
    expect(limited?.retryAfterSeconds).toBeGreaterThan(0)
    expect(limited?.retryAfterSeconds).toBeLessThanOrEqual(60)
    expect(waits).toEqual([(limited?.retryAfterSeconds ?? NaN) * 1000])
    expect(limited?.rateLimit).toMatchObject({ allowed: 3 })
  })

  it('a Retry-After of 999999 s is waited as the 120 s cap, and the paced profile is not held past it', async () => {
    // A fake clock moved by each recorded wait: the pacer sees the time the client slept, and nothing waits for real.
    let clock = 1_000_000
    const { client, calls, waits } = clientFor(sandbox(), {
      pace: { now: () => clock },
      sleep: async (ms) => {
        waits.push(ms)
        clock += ms
        sandbox().setFaults({})
      },
    })
    await client.token()
    sandbox().setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 999_999 })
    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    expect(waits).toEqual([120_000])
    expect(apiCalls(calls)).toEqual([
      expect.objectContaining({ status: 429, outcome: 'retry', retryAfterSeconds: 120, errorCode: 'rate_limited' }),
      expect.objectContaining({ status: 200, outcome: 'ok' }),
    ])
    // The next call of the profile (what Test connection sends) goes at once: no hold is left.
    const again = await getOrganizationMe(client)
    expect(again.status).toBe(200)
    expect(waits).toEqual([120_000])
  })

  it('gives up after maxRetries with a plain message', async () => {
    const { client, waits } = clientFor(sandbox(), { maxRetries: 3 })
    await client.token()
    sandbox().setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 2 })
    const error = await getOrganizationMe(client).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'rate_limited', hint: expect.stringMatching(/still rate limited/i) })
    expect((error as Error).message).toContain('after 3 retries')
    expect(waits).toEqual([2000, 2000, 2000])
  })
})

describe('5xx and connection resets', () => {
  it('5xx: capped exponential backoff, then success', async () => {
    let failuresLeft = 3
    const { client, calls, waits } = clientFor(sandbox(), {
      backoff: topJitter,
      afterWait: () => {
        if (--failuresLeft === 0) sandbox().setFaults({})
      },
    })
    await client.token()
    sandbox().setFaults({ errorRate5xx: 1 })
    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    expect(org.retries).toBe(3)
    expect(waits).toEqual([499, 999, 1999])
    const api = apiCalls(calls)
    expect(api.map((c) => c.outcome)).toEqual(['retry', 'retry', 'retry', 'ok'])
    for (const call of api.slice(0, 3)) {
      expect([502, 503, 504]).toContain(call.status)
      expect(call.correlationId).toEqual(expect.any(String))
    }
  })

  it('5xx: the wait never exceeds the 30 s cap, and the final error is server_error', async () => {
    const { client, waits } = clientFor(sandbox(), { backoff: topJitter, maxRetries: 8 })
    await client.token()
    sandbox().setFaults({ errorRate5xx: 1 })
    const error = await getOrganizationMe(client).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'server_error', correlationId: expect.any(String) })
    expect(waits).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999])
  })

  it('a request marked not to repeat is not re-sent after a 5xx', async () => {
    const { client, waits } = clientFor(sandbox())
    await client.token()
    sandbox().setFaults({ errorRate5xx: 1 })
    const request = { method: 'GET' as const, path: '/api/v2/organizations/me', schema: z.unknown(), retryServerFailures: false }
    await expect(client.request(request)).rejects.toMatchObject({ code: 'server_error' })
    expect(waits).toEqual([])
  })

  it('connection resets mid-body are retried', async () => {
    const { client, calls, waits } = clientFor(sandbox(), { afterWait: () => sandbox().setFaults({}) })
    await client.token()
    sandbox().setFaults({ resetRate: 1 })
    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    expect(waits).toHaveLength(1)
    expect(apiCalls(calls).map((c) => [c.outcome, c.errorCode])).toEqual([
      ['retry', 'network'],
      ['ok', undefined],
    ])
  })

  it('persistent resets end in a network error', async () => {
    const { client, waits } = clientFor(sandbox(), { maxRetries: 2 })
    await client.token()
    sandbox().setFaults({ resetRate: 1 })
    await expect(getOrganizationMe(client)).rejects.toMatchObject({ code: 'network', hint: expect.stringMatching(/network/) })
    expect(waits).toHaveLength(2)
  })
})

describe('timeouts and cancelling', () => {
  it('a request that never answers times out', async () => {
    const { client, calls, waits } = clientFor(sandbox(), { timeoutMs: 300 })
    await client.token()
    sandbox().setFaults({ hangRate: 1 })
    await expect(getOrganizationMe(client)).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('0.3 s') })
    expect(apiCalls(calls)).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'timeout' })])
    expect(waits).toEqual([])
  })

  it('aborting during a Retry-After wait ends the wait at once as cancelled', async () => {
    // The real sleep: a 100 s wait that did not end on abort would run past the test timeout.
    const controller = new AbortController()
    const { client, calls } = clientFor(sandbox(), { sleep: undefined })
    await client.token()
    sandbox().setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 100 })
    const pending = client.request({
      method: 'GET',
      path: '/api/v2/organizations/me',
      schema: z.unknown(),
      signal: controller.signal,
    })
    await waitFor(() => apiCalls(calls).some((c) => c.outcome === 'retry'))
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', hint: expect.any(String) })
    expect(apiCalls(calls)).toHaveLength(1)
  })

  it('aborting while the request is in flight gives cancelled', async () => {
    const controller = new AbortController()
    const { client, calls } = clientFor(sandbox())
    await client.token()
    sandbox().setFaults({ latencyMs: 20_000 })
    const pending = getOrganizationMe(client, controller.signal)
    setTimeout(() => controller.abort(), 100)
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    expect(apiCalls(calls)).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'cancelled' })])
  })

  it('an already aborted signal sends nothing', async () => {
    const { client, calls } = clientFor(sandbox())
    const before = sandbox().stats().requests
    await expect(getOrganizationMe(client, AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' })
    expect(calls).toEqual([])
    expect(sandbox().stats().requests).toBe(before)
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}
