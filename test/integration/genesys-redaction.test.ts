/**
 * An error body that echoes the Authorization header, the access token or the client secret is redacted
 * before it becomes an AppError (what the renderer shows) and before anything reaches the audit log.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createGenesysClient } from '../../src/main/core/genesys'
import { invokeMethod } from '../../src/main/core/invoke'
import { AppError } from '../../src/shared/errors'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { sendToken, startHostileServer, type HostileServer } from './helpers/hostileServer'
import { auditFileNames } from './helpers/auditFolder'

const TOKEN = 'echoed-access-token-7f3a9c2e51'
const CLIENT_ID = 'echo-client-01'
const SECRET = 'echoed-client-secret-Zq81'
const BASIC = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')

let server: HostileServer

/** Answers with a JSON error body that quotes back what the request carried. */
function echoError(status: number) {
  return (req: { headers: Record<string, string | string[] | undefined> }, res: import('node:http').ServerResponse) => {
    const authorization = String(req.headers.authorization ?? '')
    const credential = authorization.split(' ')[1] ?? ''
    const sentSecret = authorization.startsWith('Basic ') ? Buffer.from(credential, 'base64').toString('utf8').split(':')[1] : ''
    res.writeHead(status, { 'content-type': 'application/json', 'inin-correlation-id': 'corr-echo-1' })
    res.end(
      JSON.stringify({
        message: `Request rejected. Authorization: ${authorization}; credential ${credential}; token=${credential}`,
        code: 'bad.request',
        status,
        error: 'invalid_client',
        error_description: `Bad credentials: Authorization: ${authorization} (secret ${sentSecret})`,
        details: [{ header: authorization }, { echoed: `you sent ${credential}` }, { access_token: credential }],
      }),
    )
  }
}

beforeAll(async () => {
  server = await startHostileServer()
  server.route('POST', '/oauth/token', (req, res) => {
    if (req.headers.authorization === `Basic ${BASIC}`) sendToken(res, TOKEN)
    else echoError(401)(req, res)
  })
  server.route('GET', '/api/v2/organizations/me', echoError(400))
})
afterAll(async () => {
  await server.close()
})

function expectClean(text: string): void {
  for (const secret of [TOKEN, SECRET, BASIC]) expect(text).not.toContain(secret)
}

describe('credentials echoed in error bodies', () => {
  it('the OAuth refusal does not carry the Basic header or the secret', async () => {
    const client = createGenesysClient({
      apiBase: server.url,
      loginBase: server.url,
      clientId: CLIENT_ID,
      clientSecret: `${SECRET}-wrong`,
      maxRetries: 0,
    })
    const error = await client.token().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError.code).toBe('unauthorized')
    expect(appError.message).toContain('[redacted]')
    expectClean(JSON.stringify(appError.toData()))
    expect(JSON.stringify(appError.toData())).not.toContain(`${SECRET}-wrong`)
    expect(JSON.stringify(appError.toData())).not.toContain(Buffer.from(`${CLIENT_ID}:${SECRET}-wrong`).toString('base64'))
  })

  it('an API error does not carry the bearer token, in its message or its details', async () => {
    const client = createGenesysClient({
      apiBase: server.url,
      loginBase: server.url,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      maxRetries: 0,
    })
    const error = await client.request({ method: 'GET', path: '/api/v2/organizations/me', schema: z.unknown() }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    const data = (error as AppError).toData()
    expect(data).toMatchObject({ code: 'invalid_input', status: 400, genesysCode: 'bad.request', correlationId: 'corr-echo-1' })
    expect(data.message).toMatch(/^Request rejected\. Authorization: (Bearer )?\[redacted\]; credential \[redacted\]; token=\[redacted\]/)
    expect(data.details).toHaveLength(3)
    expectClean(JSON.stringify(data))
  })

  describe('through the core', () => {
    let session: CoreSession
    beforeAll(async () => {
      session = await startCoreSession()
    })
    afterAll(async () => {
      await session.close()
    })

    it('Test connection shows a redacted error, and the audit log holds no token or secret', async () => {
      const saved = await invokeMethod(session.core.handlers, 'profiles.save', {
        name: 'Echo org',
        region: 'eu-west-1',
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        gatewayUrl: server.url,
      })
      expect(saved.ok).toBe(true)
      const id = (saved as { value: { id: string } }).value.id
      expect((await invokeMethod(session.core.handlers, 'profiles.setActive', { id })).ok).toBe(true)
      const tested = await invokeMethod(session.core.handlers, 'profiles.test', { id })
      expect(tested.ok).toBe(false)
      const shown = JSON.stringify(tested)
      expect(shown).toContain('[redacted]')
      expectClean(shown)
      expectClean(JSON.stringify(await invokeMethod(session.core.handlers, 'status.get', undefined as never)))

      await invokeMethod(session.core.handlers, 'audit.verify', {})
      const dir = join(session.dataDir, 'audit')
      const audit = (await Promise.all((await auditFileNames(dir)).map((f) => readFile(f, 'utf8')))).join('\n')
      expect(audit).toContain('connection.test')
      expectClean(audit)
    })
  })
})
