import { describe, expect, it } from 'vitest'
import { SANDBOX_PROFILE_ID } from '../../../src/shared/api'
import { AppError } from '../../../src/shared/errors'
import { assertOutboundUrl, outboundRuleFor } from '../../../src/main/core/net/outboundUrl'

function refusal(url: string, rule = {}): AppError {
  try {
    assertOutboundUrl(url, rule)
  } catch (error) {
    if (error instanceof AppError) return error
    throw new Error(`not an AppError: ${String(error)}`)
  }
  throw new Error(`${url} was allowed`)
}

describe('the outbound link rule', () => {
  const sandbox = outboundRuleFor({ id: SANDBOX_PROFILE_ID, apiBase: 'http://127.0.0.1:4010' })
  const realOrgOnLoopback = outboundRuleFor({ id: 'p-1', apiBase: 'http://127.0.0.1:4010' })

  it('follows https links on any profile', () => {
    expect(assertOutboundUrl('https://prod-uploads.s3.amazonaws.com/key?X-Amz-Signature=abc', {}).host).toBe(
      'prod-uploads.s3.amazonaws.com',
    )
    expect(assertOutboundUrl('https://prod-uploads.s3.amazonaws.com/key', sandbox).protocol).toBe('https:')
  })

  it("follows plain http only to the Sandbox profile's own origin", () => {
    expect(assertOutboundUrl('http://127.0.0.1:4010/uploads/k?sig=1', sandbox).port).toBe('4010')
    expect(realOrgOnLoopback).toEqual({})
    for (const [url, rule] of [
      ['http://127.0.0.1:4011/uploads/k', sandbox],
      ['http://localhost:4010/uploads/k', sandbox],
      ['http://127.0.0.1:4010/uploads/k', realOrgOnLoopback],
      ['http://storage.example.com/uploads/k', realOrgOnLoopback],
      ['http://[::1]:4010/x', sandbox],
    ] as const) {
      const error = refusal(url, rule)
      expect(error.message).toMatch(/^The org answered with a link Switchboard will not follow: it is plain http/)
      expect(error.hint).toMatch(/Nothing was sent/)
    }
  })

  it('follows plain http to the own origin of a profile whose gateway is on loopback and whose secret is bound there, nowhere else', () => {
    const gateway = 'http://127.0.0.1:4010'
    const envProfile = outboundRuleFor({ id: 'env', apiBase: gateway, secretBinding: { tokenOrigin: gateway } })
    expect(envProfile).toEqual({ allowedLoopbackOrigin: gateway })
    expect(assertOutboundUrl('http://127.0.0.1:4010/uploads/k?sig=1', envProfile).port).toBe('4010')
    for (const url of [
      'http://127.0.0.1:4011/uploads/k',
      'http://localhost:4010/uploads/k',
      'http://[::1]:4010/x',
      'http://storage.example.com/k',
    ]) {
      expect(refusal(url, envProfile).message).toMatch(/it is plain http/)
    }
    // A secret bound to another origin (or none), or a gateway not on loopback: https links only.
    expect(outboundRuleFor({ id: 'p-1', apiBase: gateway, secretBinding: { tokenOrigin: 'http://127.0.0.1:4011' } })).toEqual({})
    expect(outboundRuleFor({ id: 'p-1', apiBase: 'http://10.0.0.5:4010', secretBinding: { tokenOrigin: 'http://10.0.0.5:4010' } })).toEqual(
      {},
    )
    expect(
      outboundRuleFor({ id: 'p-1', apiBase: 'https://gw.example.com', secretBinding: { tokenOrigin: 'https://gw.example.com' } }),
    ).toEqual({})
  })

  it('refuses other schemes, credentials in links and malformed links in plain words, with no library text', () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://127.0.0.1/x',
      'javascript:alert(1)',
      'data:text/plain,hi',
      'not a url',
      '',
      'https://user:pw@storage.example.com/x',
    ]) {
      const error = refusal(url, sandbox)
      expect(error.code).toBe('server_error')
      expect(error.message).toMatch(/^The org answered with a link Switchboard will not follow: /)
      expect(error.message).not.toMatch(/ERR_|Invalid URL|TypeError/)
      expect(error.hint.length).toBeGreaterThan(10)
    }
    expect(refusal('ftp://127.0.0.1/x').message).toContain('it uses ftp: and only https links are followed')
  })
})
