import platformClient from 'purecloud-platform-client-v2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ orgName: 'SDK Check Org' })
})
afterAll(() => sandbox.close())

function sdkClient(): platformClient.ApiClientClass {
  const client = platformClient.ApiClient.instance
  // The SDK builds http://127.0.0.1:PORT/oauth/token for login and http://127.0.0.1:PORT/api/v2/... for the API.
  client.setGateway({ protocol: 'http', host: '127.0.0.1', port: sandbox.port })
  return client
}

describe('the official SDK (purecloud-platform-client-v2) against the sandbox', () => {
  it('logs in with client credentials and reads organizations/me', async () => {
    const client = sdkClient()
    const auth = await client.loginClientCredentialsGrant(sandbox.clientId, sandbox.clientSecret)
    expect(auth.accessToken).toMatch(/^[\w-]{32,}$/)
    expect(auth.tokenExpiryTime).toBeGreaterThan(Date.now())

    const org = await new platformClient.OrganizationApi().getOrganizationsMe()
    expect(org.name).toBe('SDK Check Org')
    expect(org.state).toBe('active')
    expect(org.selfUri).toBe(`/api/v2/organizations/${org.id}`)
    expect(sandbox.stats().byRoute).toMatchObject({ 'POST /oauth/token': 1, 'GET /api/v2/organizations/me': 1 })
  })

  it('sees the correlation id and rate-limit headers in extended responses', async () => {
    const client = sdkClient()
    await client.loginClientCredentialsGrant(sandbox.clientId, sandbox.clientSecret)
    client.setReturnExtendedResponses(true)
    try {
      const response = (await new platformClient.OrganizationApi().getOrganizationsMe()) as unknown as {
        status: number
        headers: Record<string, string>
        body: { name: string }
      }
      expect(response.status).toBe(200)
      expect(response.body.name).toBe('SDK Check Org')
      expect(response.headers['inin-correlation-id']).toMatch(/^[0-9a-f-]{36}$/)
      expect(response.headers['inin-ratelimit-allowed']).toBe('300')
    } finally {
      client.setReturnExtendedResponses(false)
    }
  })

  it('gets the OAuth error body when the secret is wrong', async () => {
    const client = sdkClient()
    const failure = (await client.loginClientCredentialsGrant(sandbox.clientId, 'wrong-secret').catch((error: unknown) => error)) as {
      response?: { status: number; data: Record<string, string> }
    }
    expect(failure.response?.status).toBe(401)
    expect(failure.response?.data).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) })
  })
})
