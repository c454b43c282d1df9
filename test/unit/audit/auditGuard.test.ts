import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeSecretValue, isForbiddenDetailKey, openAuditLog } from '../../../src/main/core/audit'
import { makeTempDir, removeDir, sampleInput } from './auditTestKit'

describe('secrets and payloads stay out of the audit log', () => {
  it.each([
    'secret',
    'clientSecret',
    'client_secret',
    'token',
    'accessToken',
    'access_token',
    'refreshToken',
    'password',
    'userPassword',
    'Authorization',
    'authorization',
    'x-auth',
    'apiKey',
    'api_key',
    'privateKey',
    'cookie',
    'Set-Cookie',
    'credentials',
    'bearer',
  ])('refuses the detail key %s', (key) => expect(isForbiddenDetailKey(key)).toBe(true))

  it.each(['tokenLifetimeSeconds', 'bytes', 'sha256', 'count', 'status', 'key', 'keyCount', 'partitionKey', 'version', 'tokenType'])(
    'allows the detail key %s',
    (key) => expect(isForbiddenDetailKey(key)).toBe(false),
  )

  it.each([
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
    'bearer 7f3a9c1e-55aa-4b2e-9d1c-0e2f4a6b8c9d',
    'Authorization: Bearer dGVzdC10b2tlbi0xMjM0NTY3ODkw',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
    'Basic dXNlcjpwYXNzd29yZA==',
    'https://x.example/cb?access_token=abc',
    '/oauth?client_secret=xyz&a=1',
  ])('recognises %s as a credential', (value) => expect(describeSecretValue(value)).toBeDefined())

  it.each([
    '/api/v2/organizations/me',
    'recording-123.wav',
    'uploads.start',
    'a3f5'.repeat(16),
    'Bearer authentication failed',
    'Basic settings changed',
    'basic plan',
  ])('lets %s through', (value) => expect(describeSecretValue(value)).toBeUndefined())

  describe('in the log', () => {
    let dir: string
    beforeEach(async () => {
      dir = await makeTempDir()
    })
    afterEach(async () => {
      await removeDir(dir)
    })

    it('throws in development and writes nothing', async () => {
      const log = await openAuditLog({ dir })
      expect(() => log.append(sampleInput(1, { detail: { accessToken: 'abc' } }))).toThrow(/detail key "accessToken" names a secret/)
      expect(() => log.append(sampleInput(1, { detail: { header: 'Bearer abc123def456ghi789jkl' } }))).toThrow(/bearer token/)
      expect(() => log.append(sampleInput(1, { target: 'https://h/x?access_token=abc' }))).toThrow(
        /target looks like a URL carrying a credential/,
      )
      expect(() => log.append(sampleInput(1, { detail: { body: 'x'.repeat(5000) } }))).toThrow(/payload body/)
      await log.close()
      expect(await readFile(log.path, 'utf8')).toBe('')
    })

    it('redacts in production mode and still records the action', async () => {
      const log = await openAuditLog({ dir, guard: 'redact' })
      const entry = log.append(sampleInput(1, { detail: { password: 'hunter2', bytes: 12 }, correlationId: 'Bearer abcdefgh12345678ijkl' }))
      await log.close()
      expect(entry.detail).toEqual({ password: '[redacted]', bytes: 12 })
      expect(entry.correlationId).toBe('[redacted]')
      const text = await readFile(log.path, 'utf8')
      expect(text).not.toMatch(/hunter2|abcdefgh12345678ijkl/)
      expect(text).toMatch(/"action":"api.GET"/)
    })

    it('the default guard throws under the test environment', async () => {
      expect(process.env.NODE_ENV).not.toBe('production')
      const log = await openAuditLog({ dir })
      expect(() => log.append(sampleInput(1, { detail: { client_secret: 's' } }))).toThrow()
      await log.close()
    })
  })
})
