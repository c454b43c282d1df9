import { describe, expect, it } from 'vitest'
import { DEFAULT_DELIVERY_TUNING, GIVE_UP_AFTER_MS, isRetryableStatus, retryDelayMs } from '../../../src/main/core/webhooks/retrySchedule'
import { isLoopbackHost } from '../../../src/main/core/net/outboundAgents'
import { checkEndpointUrl } from '../../../src/main/core/webhooks/endpointUrl'

describe('the retry schedule', () => {
  const tuning = DEFAULT_DELIVERY_TUNING
  it('doubles from the base up to the cap, each wait between half and all of its value', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, tuning, undefined, () => 1))).toEqual([5_000, 10_000, 20_000])
    expect([1, 2, 3].map((n) => retryDelayMs(n, tuning, undefined, () => 0))).toEqual([2_500, 5_000, 10_000])
    expect(retryDelayMs(40, tuning, undefined, () => 1)).toBe(tuning.retryCapMs)
  })
  it('never waits less than Retry-After asks, and never past the give-up time', () => {
    expect(retryDelayMs(1, tuning, 120_000, () => 0)).toBe(120_000)
    expect(retryDelayMs(1, tuning, 10 * GIVE_UP_AFTER_MS, () => 0)).toBe(GIVE_UP_AFTER_MS)
    expect(retryDelayMs(3, tuning, 1_000, () => 1)).toBe(20_000)
  })
  it('retries 5xx and 429, not other 4xx nor redirects', () => {
    expect([500, 502, 503, 429].every(isRetryableStatus)).toBe(true)
    expect([400, 401, 404, 410, 301, 302].some(isRetryableStatus)).toBe(false)
  })
})

describe('endpoint addresses', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.3.4.5', 'localhost', '[::1]'].every(isLoopbackHost)).toBe(true)
    expect(['128.0.0.1', '10.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io'].some(isLoopbackHost)).toBe(false)
  })
  it('takes https anywhere and http to loopback only', () => {
    expect(checkEndpointUrl('https://hooks.example.com/x').href).toBe('https://hooks.example.com/x')
    expect(checkEndpointUrl('http://[::1]:8080/x').host).toBe('[::1]:8080')
    expect(() => checkEndpointUrl('http://127.0.0.1.nip.io/x')).toThrow(/plain http/)
    expect(() => checkEndpointUrl('not a url')).toThrow(/not a valid address/)
  })
})
