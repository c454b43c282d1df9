import { describe, expect, it } from 'vitest'
import { eventSocketUrl, readTokenFromHash } from '../../../src/renderer/src/transport/token'

describe('readTokenFromHash', () => {
  it('reads the token from #token=...', () => {
    expect(readTokenFromHash('#token=abcDEF123_-xyz')).toBe('abcDEF123_-xyz')
  })
  it('keeps a + in a base64 token (URLSearchParams would turn it into a space)', () => {
    expect(readTokenFromHash('#token=ab+cd/ef==12')).toBe('ab+cd/ef==12')
  })
  it('finds the token among other parameters and decodes it', () => {
    expect(readTokenFromHash('#x=1&token=abc%2Bdef123')).toBe('abc+def123')
  })
  it('returns null for no token, an empty one, a route hash, or one with unsafe characters', () => {
    expect(readTokenFromHash('')).toBeNull()
    expect(readTokenFromHash('#token=')).toBeNull()
    expect(readTokenFromHash('#/connections')).toBeNull()
    expect(readTokenFromHash('#token=<script>alert(1)</script>')).toBeNull()
    expect(readTokenFromHash('#token=%E0%A4%A')).toBeNull()
  })
})

describe('eventSocketUrl', () => {
  it('uses ws: beside http: and wss: beside https:, with the token encoded', () => {
    expect(eventSocketUrl('http:', '127.0.0.1:4000', 'a+b')).toBe('ws://127.0.0.1:4000/api/events?token=a%2Bb')
    expect(eventSocketUrl('https:', 'host', 't0ken123')).toBe('wss://host/api/events?token=t0ken123')
  })
})
