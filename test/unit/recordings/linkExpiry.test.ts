import { describe, expect, it } from 'vitest'
import { linkExpiry } from '../../../src/main/core/recordings/links/linkExpiry'
import { policyViolations } from '../../../src/main/core/recordings/links/linkPolicy'

const now = new Date('2026-11-20T09:00:30.000Z')

describe('linkExpiry', () => {
  it('reads X-Amz-Date + X-Amz-Expires, whatever the case of the names', () => {
    const url = new URL('https://bucket.s3.amazonaws.com/r.wav?x-amz-date=20261120T085500Z&X-Amz-Expires=900&X-Amz-Signature=abc')
    expect(linkExpiry(url, now)).toEqual({ expiresAt: new Date('2026-11-20T09:10:00.000Z'), lifetimeSeconds: 900, source: 'url' })
  })

  it('reads an Expires epoch in seconds, the lifetime counted from now', () => {
    const url = new URL(`https://cdn.example.com/r.wav?Expires=${Date.parse('2026-11-20T09:30:30Z') / 1000}&Signature=x`)
    expect(linkExpiry(url, now)).toEqual({ expiresAt: new Date('2026-11-20T09:30:30.000Z'), lifetimeSeconds: 1800, source: 'url' })
  })

  it('falls back to the org lifetime (60 min by default) when the link says nothing usable', () => {
    for (const href of [
      'https://cdn.example.com/r.wav',
      'https://x.example.com/r?X-Amz-Date=yesterday&X-Amz-Expires=60',
      'https://x.example.com/r?Expires=soon',
    ]) {
      expect(linkExpiry(new URL(href), now)).toEqual({
        expiresAt: new Date('2026-11-20T10:00:30.000Z'),
        lifetimeSeconds: 3600,
        source: 'org-lifetime',
      })
    }
    expect(linkExpiry(new URL('https://cdn.example.com/r.wav'), now, 120).lifetimeSeconds).toBe(120)
  })
})

describe('policyViolations', () => {
  const policy = { allowedFormats: ['WAV' as const], maxLinkLifetimeMinutes: 15, defaultFormat: 'WAV' as const }
  it('flags the format and the lifetime separately, and nothing at the limit', () => {
    expect(policyViolations(policy, 'WAV', 900)).toEqual([])
    expect(policyViolations(policy, 'MP3', 901)).toEqual([
      'MP3 is not an allowed format (allowed: WAV).',
      expect.stringMatching(/^The link lives 15 min 1 s, longer than the 15 min/),
    ])
  })
})
