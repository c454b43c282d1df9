import { describe, expect, it } from 'vitest'
import { connectionResultWords, connectionWords, jobsWords, rateWords } from '../../../src/renderer/src/ui/frame/statusWords'
import { formatMs, formatSeconds, regionLabel } from '../../../src/renderer/src/ui/format'
import { screenFromHash } from '../../../src/renderer/src/screens'

describe('status bar wording', () => {
  it('says the connection state in words', () => {
    expect(connectionWords('connected')).toEqual({ tone: 'ok', words: 'Connected' })
    expect(connectionWords('error').words).toBe('Connection failed')
    expect(connectionWords('unknown').words).toBe('Not checked yet')
  })
  it('shows the last real result: a refused sign-in with its status, time and hint, never "Not checked yet"', () => {
    const at = (iso: string) => `[${iso}]`
    const refused = connectionResultWords(
      {
        connection: 'error',
        connectionCheckedAt: '2026-11-30T13:45:02.000Z',
        connectionError: {
          name: 'AppError',
          code: 'unauthorized',
          message: 'Sign-in refused (401)',
          hint: 'Check the secret.',
          status: 401,
        },
      },
      at,
    )
    expect(refused).toMatchObject({
      tone: 'bad',
      words: 'Sign-in refused (401) at [2026-11-30T13:45:02.000Z]',
      detail: 'Check the secret.',
    })
    expect(connectionResultWords({ connection: 'connected', connectionCheckedAt: '2026-11-30T13:46:00.000Z' }, at)).toMatchObject({
      tone: 'ok',
      words: 'Connected',
      title: 'Last answer from the org at [2026-11-30T13:46:00.000Z]',
    })
    expect(connectionResultWords({ connection: 'unknown' }, at).words).toBe('Not checked yet')
  })
  it('shows calls against the limit, where the limit came from, and a sign near the limit', () => {
    expect(rateWords({ callsLastMinute: 42, rateLimitPerMinute: 300, rateLimitSource: 'headers' })).toEqual({
      calls: '42 / 300 calls/min',
      source: 'limit from API headers',
      nearLimit: false,
    })
    const near = rateWords({ callsLastMinute: 240, rateLimitPerMinute: 300, rateLimitSource: 'default' })
    expect(near).toEqual({ calls: '⚠ 240 / 300 calls/min', source: 'default limit', nearLimit: true })
  })
  it('counts jobs in words', () => {
    expect([0, 1, 3].map(jobsWords)).toEqual(['No jobs running', '1 job running', '3 jobs running'])
  })
})

describe('formatting', () => {
  it('formats token lifetimes and round trips', () => {
    expect([59, 600, 5400, 86400, 200000].map(formatSeconds)).toEqual(['59 s', '10 min', '1 h 30 min', '24 h', '2 d 7 h'])
    expect([85.4, 1250].map(formatMs)).toEqual(['85 ms', '1.25 s'])
  })
  it('labels regions, the sandbox included', () => {
    expect(regionLabel('eu-west-1')).toBe('EMEA (Dublin)')
    expect(regionLabel('sandbox')).toMatch(/^Sandbox/)
  })
})

describe('screenFromHash', () => {
  it('routes known screens only', () => {
    expect(screenFromHash('#/uploads')).toBe('uploads')
    expect(screenFromHash('#/nowhere')).toBeUndefined()
    expect(screenFromHash('#token=abc')).toBeUndefined()
  })
})
