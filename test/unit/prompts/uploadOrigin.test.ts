import { describe, expect, it } from 'vitest'
import { allowedUploadOrigins, assertUploadOrigin } from '../../../src/main/core/prompts/batch/uploadOrigin'

describe('where a prompt upload may carry the token', () => {
  const region = allowedUploadOrigins({ apiBase: 'https://api.mypurecloud.com', region: 'us-east-1' })

  it('is the API origin or the region apps host', () => {
    expect(region).toEqual(['https://api.mypurecloud.com', 'https://apps.mypurecloud.com'])
    expect(assertUploadOrigin('https://apps.mypurecloud.com/uploads/v2/prompts/p1/en-us', region).pathname).toBe(
      '/uploads/v2/prompts/p1/en-us',
    )
    expect(assertUploadOrigin('https://api.mypurecloud.com/uploads/v2/prompts/p1/en-us', region).host).toBe('api.mypurecloud.com')
  })

  it('is nowhere else: another host, plain http, another port, a user in the address', () => {
    for (const uri of [
      'https://apps.mypurecloud.com.example.net/uploads/v2/prompts/p1/en-us',
      'http://apps.mypurecloud.com/uploads/v2/prompts/p1/en-us',
      'https://apps.mypurecloud.com:8443/uploads/v2/prompts/p1/en-us',
      'https://user@apps.mypurecloud.com/uploads/v2/prompts/p1/en-us',
      'https://apps.usw2.pure.cloud/uploads/v2/prompts/p1/en-us',
      'not a url',
    ])
      expect(() => assertUploadOrigin(uri, region), uri).toThrow(/Refused to send the audio and the access token/)
  })

  it('is only its own origin for the sandbox', () => {
    const sandbox = allowedUploadOrigins({ apiBase: 'http://127.0.0.1:4010', region: 'sandbox' })
    expect(sandbox).toEqual(['http://127.0.0.1:4010'])
    expect(() => assertUploadOrigin('http://127.0.0.1:4011/uploads/v2/prompts/p1/en-us', sandbox)).toThrow(/127\.0\.0\.1:4011/)
  })
})
