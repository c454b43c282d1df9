import { describe, expect, it } from 'vitest'
import { backoffDelayMs, endpointsFor, pathForRecord, abortableSleep } from '../../../src/main/core/genesys'
import { rateLimitFromHeaders, retryAfterSecondsFrom } from '../../../src/main/core/genesys/rateLimit'

describe('endpointsFor', () => {
  it('maps a region to api.<domain> and login.<domain>', () => {
    expect(endpointsFor('eu-west-1')).toEqual({ apiBase: 'https://api.mypurecloud.ie', loginBase: 'https://login.mypurecloud.ie' })
    expect(endpointsFor('us-east-2')).toEqual({
      apiBase: 'https://api.use2.us-gov-pure.cloud',
      loginBase: 'https://login.use2.us-gov-pure.cloud',
    })
  })
  it('serves both from the sandbox address', () => {
    expect(endpointsFor({ sandboxUrl: 'http://127.0.0.1:4567/' })).toEqual({
      apiBase: 'http://127.0.0.1:4567',
      loginBase: 'http://127.0.0.1:4567',
    })
  })
})

describe('pathForRecord', () => {
  it('drops the query string and keeps ids', () => {
    expect(pathForRecord('/api/v2/gdpr/subjects?searchType=EMAIL&searchValue=jane@example.com')).toBe('/api/v2/gdpr/subjects')
    expect(pathForRecord('/api/v2/flows/5f1c2e9a-0000-4000-8000-000000000001/versions')).toBe(
      '/api/v2/flows/5f1c2e9a-0000-4000-8000-000000000001/versions',
    )
  })
  it('redacts segments that could be personal data', () => {
    expect(pathForRecord('/api/v2/things/jane@example.com')).toBe('/api/v2/things/:redacted')
    expect(pathForRecord('/api/v2/things/+44%20207')).toBe('/api/v2/things/:redacted')
    expect(pathForRecord('/api/v2/things/02071234567/x')).toBe('/api/v2/things/:redacted/x')
  })
})

describe('backoffDelayMs', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    const top = { baseMs: 500, capMs: 30_000, random: () => 0.999999 }
    expect(backoffDelayMs(0, top)).toBe(499)
    expect(backoffDelayMs(3, top)).toBe(3999)
    expect(backoffDelayMs(10, top)).toBe(29_999)
    expect(backoffDelayMs(4, { ...top, random: () => 0 })).toBe(0)
  })
})

describe('rate-limit headers', () => {
  it('reads the inin-ratelimit-* numbers and ignores junk', () => {
    expect(rateLimitFromHeaders({ 'inin-ratelimit-count': '12', 'inin-ratelimit-allowed': '300', 'inin-ratelimit-reset': 'soon' })).toEqual(
      { count: 12, allowed: 300 },
    )
    expect(rateLimitFromHeaders({})).toBeUndefined()
  })
  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterSecondsFrom({ 'retry-after': '58' })).toBe(58)
    expect(retryAfterSecondsFrom({ 'Retry-After': new Date(10_000).toUTCString() }, 0)).toBe(10)
    expect(retryAfterSecondsFrom({ 'retry-after': 'never' })).toBeUndefined()
  })
})

describe('abortableSleep', () => {
  it('ends at once when aborted', async () => {
    const controller = new AbortController()
    const waiting = abortableSleep(60_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
  })
})
