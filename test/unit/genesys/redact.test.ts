import { describe, expect, it } from 'vitest'
import { redactDeep, redactText, secretsOfAuthorization } from '../../../src/main/core/genesys/redact'

describe('redacting credentials from error bodies', () => {
  it('redacts bearer and basic credentials and credential fields, and keeps ordinary words', () => {
    expect(redactText('Invalid Authorization: Bearer eyJhbGciOi.J9-x_Y')).toBe('Invalid Authorization: Bearer [redacted]')
    expect(redactText('sent basic dXNlcjpzZWNyZXQ=')).toBe('sent basic [redacted]')
    expect(redactText('{"access_token":"abc123def456"}')).toBe('{"access_token":"[redacted]"}')
    expect(redactText('client_secret=s3cr3t-value&x=1')).toBe('client_secret=[redacted]&x=1')
    expect(redactText('Basic authentication is required; a Bearer token was expected')).toBe(
      'Basic authentication is required; a Bearer token was expected',
    )
  })

  it('redacts the exact values the request carried, wherever they appear', () => {
    const secrets = secretsOfAuthorization(`Basic ${Buffer.from('client-1:pl41n-secret').toString('base64')}`)
    expect(secrets).toContain('pl41n-secret')
    expect(redactText('your secret pl41n-secret is wrong', secrets)).toBe('your secret [redacted] is wrong')
    const body = redactDeep(
      { message: 'token opaque0token0value rejected', details: [{ token: 'whatever', note: 'opaque0token0value' }] },
      secretsOfAuthorization('Bearer opaque0token0value'),
    )
    expect(body).toEqual({ message: 'token [redacted] rejected', details: [{ token: '[redacted]', note: '[redacted]' }] })
  })
})
