import axios from 'axios'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../../src/shared/errors'
import { createGenesysClient, endpointsFor, getOrganizationMe } from '../../src/main/core/genesys'
import { apiCalls, clientFor, useSandbox } from './genesys-helpers'

const sandbox = useSandbox()

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected the call to fail')
}

describe('Genesys client against the sandbox', () => {
  it('logs in with client credentials and reads organizations/me', async () => {
    const { client, calls } = clientFor(sandbox())
    const token = await client.token()
    expect(token.accessToken.length).toBeGreaterThan(10)
    expect(token.lifetimeSeconds).toBeGreaterThan(0)
    expect(token.expiresAt).toBeGreaterThan(Date.now())

    const org = await getOrganizationMe(client)
    expect(org.status).toBe(200)
    expect(org.data.id).toEqual(expect.any(String))
    expect(org.data.name).toEqual(expect.any(String))
    expect(org.correlationId).toEqual(expect.any(String))
    expect(org.headers['inin-correlation-id']).toBe(org.correlationId)
    expect(org.retries).toBe(0)
    expect(calls.map((c) => `${c.method} ${c.path} ${c.outcome}`)).toEqual(['POST /oauth/token ok', 'GET /api/v2/organizations/me ok'])
  })

  it('endpointsFor a sandbox url gives a working client', async () => {
    const { apiBase, loginBase } = endpointsFor({ sandboxUrl: `${sandbox().url}/` })
    const client = createGenesysClient({ apiBase, loginBase, clientId: sandbox().clientId, clientSecret: sandbox().clientSecret })
    await expect(getOrganizationMe(client)).resolves.toMatchObject({ status: 200 })
  })

  it('a wrong secret is refused as unauthorized, with the OAuth error text and a hint', async () => {
    const raw = await axios.post(`${sandbox().url}/oauth/token`, 'grant_type=client_credentials', {
      auth: { username: sandbox().clientId, password: 'wrong-secret' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      validateStatus: () => true,
    })
    const oauthText = z.object({ error: z.string(), error_description: z.string() }).parse(raw.data)

    const { client, calls } = clientFor(sandbox(), { clientSecret: 'wrong-secret' })
    const error = await caught(getOrganizationMe(client))
    expect(error.code).toBe('unauthorized')
    expect(error.message).toContain(oauthText.error_description)
    expect(error.hint).toBe('Check the OAuth client id and secret in Connections.')
    expect(error.status).toBe(raw.status)
    expect(calls).toEqual([expect.objectContaining({ path: '/oauth/token', outcome: 'error', errorCode: 'unauthorized' })])
  })

  it('an answer that does not match the schema is a server_error naming the shape and the correlation id', async () => {
    const { client, calls } = clientFor(sandbox())
    const schema = z.object({ id: z.string(), mustExist: z.number() })
    const error = await caught(client.request({ method: 'GET', path: '/api/v2/organizations/me', schema }))
    expect(error.code).toBe('server_error')
    expect(error.hint).toMatch(/the API answered in an unexpected shape/i)
    expect(error.message).toContain('mustExist')
    expect(error.correlationId).toEqual(expect.any(String))
    const last = apiCalls(calls).at(-1)
    expect(last).toMatchObject({ outcome: 'error', errorCode: 'server_error', status: 200, correlationId: error.correlationId })
  })

  it('an API error keeps the Genesys body and the correlation id', async () => {
    const { client } = clientFor(sandbox())
    const error = await caught(client.request({ method: 'GET', path: '/api/v2/no/such/route', schema: z.unknown() }))
    expect(error.code).toBe('not_found')
    expect(error.status).toBe(404)
    expect(error.correlationId).toEqual(expect.any(String))
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('records one call per attempt with correlation id, rate-limit headers and no query string', async () => {
    const { client, calls } = clientFor(sandbox())
    const org = await client.request({
      method: 'GET',
      path: '/api/v2/organizations/me',
      params: { searchValue: 'jane@example.com', skipped: undefined },
      schema: z.looseObject({ id: z.string() }),
    })
    const record = apiCalls(calls)[0]
    expect(record).toMatchObject({ method: 'GET', path: '/api/v2/organizations/me', status: 200, outcome: 'ok', attempt: 1 })
    expect(record.correlationId).toBe(org.correlationId)
    expect(record.latencyMs).toBeGreaterThanOrEqual(0)
    expect(record.rateLimit?.allowed).toEqual(expect.any(Number))
    expect(JSON.stringify(calls)).not.toContain('jane')
    expect(client.rateLimit().allowed).toBe(record.rateLimit?.allowed)
  })

  it('refuses a full URL so the token never goes to another host', async () => {
    const { client, calls } = clientFor(sandbox())
    const error = await caught(client.request({ method: 'GET', path: 'https://example.com/api/v2/organizations/me', schema: z.unknown() }))
    expect(error.code).toBe('internal')
    expect(await caught(client.request({ method: 'GET', path: '//example.com/x', schema: z.unknown() }))).toMatchObject({
      code: 'internal',
    })
    expect(calls).toEqual([])
  })

  it('a closed port is a network error pointing at the network and region', async () => {
    const closed = clientFor(sandbox(), { apiBase: 'http://127.0.0.1:1', loginBase: 'http://127.0.0.1:1' })
    const error = await caught(getOrganizationMe(closed.client))
    expect(error.code).toBe('network')
    expect(error.hint).toMatch(/network/)
    expect(closed.waits).toEqual([])
  })
})
