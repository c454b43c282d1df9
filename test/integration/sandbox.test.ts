import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, manualClock, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { api, basicAuth, getToken, rawRequest, requestToken, UUID } from './sandbox-helpers'

function expectGenesysError(body: Record<string, unknown>, status: number, code: string): void {
  expect(body).toMatchObject({ status, code, details: [], errors: [] })
  expect(typeof body.message).toBe('string')
  expect(body.contextId).toMatch(UUID)
}

let sandbox: Sandbox
/** The sandbox's time: it moves only when a test advances it. */
const clock = manualClock()

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock })
})
afterAll(() => sandbox.close())
afterEach(() => {
  sandbox.setFaults({})
  sandbox.setOptions({ rateLimitPerMinute: 300, tokenLifetimeSeconds: 86_400 })
})

describe('POST /oauth/token', () => {
  it('issues a bearer token for the demo client credentials', async () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`)
    expect([sandbox.clientId, sandbox.clientSecret]).toEqual([DEMO_CLIENT_ID, DEMO_CLIENT_SECRET])
    const response = await requestToken(sandbox)
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 86_400 })
    expect(body.access_token).toMatch(/^[\w-]{32,}$/)
    const second = await getToken(sandbox)
    expect(second).not.toBe(body.access_token)
    expect(sandbox.issuedTokens()).toEqual(expect.arrayContaining([body.access_token, second]))
  })

  it('refuses a wrong secret with the OAuth error body', async () => {
    const response = await requestToken(sandbox, 'not-the-secret')
    expect(response.status).toBe(401)
    const body = (await response.json()) as Record<string, string>
    expect(body.error).toBe('invalid_client')
    expect(body.description).toBeTruthy()
    expect(body.error_description).toBe(body.description)
    expect(response.headers.get('ININ-Correlation-Id')).toMatch(UUID)
  })

  it('refuses a missing Authorization header and a wrong grant type', async () => {
    const anonymous = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: 'invalid_client' })

    const wrongGrant = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basicAuth(sandbox.clientId, sandbox.clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password',
    })
    expect(wrongGrant.status).toBe(400)
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })
})

describe('GET /api/v2/organizations/me', () => {
  it('answers the org with the correlation id and rate-limit headers', async () => {
    const token = await getToken(sandbox)
    const first = await api(sandbox, '/api/v2/organizations/me', token)
    expect(first.status).toBe(200)
    expect(first.headers.get('ININ-Correlation-Id')).toMatch(UUID)
    expect(first.headers.get('inin-ratelimit-allowed')).toBe('300')
    expect(first.headers.get('inin-ratelimit-count')).toBe('1')
    expect(Number(first.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0)
    const org = (await first.json()) as Record<string, unknown>
    expect(org).toMatchObject({ name: 'Sandbox Contact Centre', state: 'active', defaultCountryCode: 'US' })
    expect(org.id).toMatch(UUID)
    expect(org.selfUri).toBe(`/api/v2/organizations/${org.id}`)
    expect(typeof org.thirdPartyOrgName).toBe('string')
    expect(typeof org.domain).toBe('string')

    const second = await api(sandbox, '/api/v2/organizations/me', token)
    expect(second.headers.get('inin-ratelimit-count')).toBe('2')
    expect(second.headers.get('ININ-Correlation-Id')).not.toBe(first.headers.get('ININ-Correlation-Id'))
  })

  it('refuses a request without a token, or with an unknown one, with the real error body', async () => {
    const missing = await api(sandbox, '/api/v2/organizations/me', undefined)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('ININ-Correlation-Id')).toMatch(UUID)
    expect(missing.headers.get('inin-ratelimit-allowed')).toBe('300')
    expectGenesysError((await missing.json()) as Record<string, unknown>, 401, 'authentication.required')

    const unknown = await api(sandbox, '/api/v2/organizations/me', 'made-up-token')
    expect(unknown.status).toBe(401)
    expectGenesysError((await unknown.json()) as Record<string, unknown>, 401, 'bad.credentials')
  })

  it('refuses an expired token with 401', async () => {
    sandbox.setOptions({ tokenLifetimeSeconds: 1 })
    const response = await requestToken(sandbox)
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(1)
    const token = await getToken(sandbox)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBe(200)
    clock.advance(999)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBe(200)
    clock.advance(1)
    const expired = await api(sandbox, '/api/v2/organizations/me', token)
    expect(expired.status).toBe(401)
    expect(expired.headers.get('ININ-Correlation-Id')).toMatch(UUID)
    expectGenesysError((await expired.json()) as Record<string, unknown>, 401, 'bad.credentials')
  })
})

describe('per-token rate limit', () => {
  it('answers 429 with Retry-After once a token spends its budget, and leaves other tokens alone', async () => {
    sandbox.setOptions({ rateLimitPerMinute: 5 })
    const before = sandbox.stats().rateLimited
    const token = await getToken(sandbox)
    for (let i = 1; i <= 5; i++) {
      const response = await api(sandbox, '/api/v2/organizations/me', token)
      expect(response.status).toBe(200)
      expect(response.headers.get('inin-ratelimit-count')).toBe(String(i))
      expect(response.headers.get('inin-ratelimit-allowed')).toBe('5')
    }
    const limited = await api(sandbox, '/api/v2/organizations/me', token)
    expect(limited.status).toBe(429)
    const retryAfter = Number(limited.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(limited.headers.get('ININ-Correlation-Id')).toMatch(UUID)
    const body = (await limited.json()) as Record<string, unknown>
    expectGenesysError(body, 429, 'too.many.requests')
    expect(body.limit).toMatchObject({ value: 5 })
    expect(sandbox.stats().rateLimited).toBe(before + 1)

    const otherToken = await getToken(sandbox)
    expect((await api(sandbox, '/api/v2/organizations/me', otherToken)).status).toBe(200)
  })

  it('counts Retry-After down with the clock and starts a fresh window after 60 seconds', async () => {
    sandbox.setOptions({ rateLimitPerMinute: 1 })
    const token = await getToken(sandbox)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBe(200)
    const retryAfterIn = async () => {
      const limited = await api(sandbox, '/api/v2/organizations/me', token)
      expect(limited.status).toBe(429)
      return [limited.headers.get('Retry-After'), limited.headers.get('inin-ratelimit-reset')]
    }
    expect(await retryAfterIn()).toEqual(['60', '60'])
    clock.advance(45_000)
    expect(await retryAfterIn()).toEqual(['15', '15'])
    clock.advance(14_999)
    expect(await retryAfterIn()).toEqual(['1', '1'])
    clock.advance(1)
    const fresh = await api(sandbox, '/api/v2/organizations/me', token)
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('inin-ratelimit-count')).toBe('1')
  })
})

describe('errors', () => {
  it('answers an unknown /api/v2 route with 404 and the real error body', async () => {
    const token = await getToken(sandbox)
    const response = await api(sandbox, '/api/v2/recordings/media', token, { method: 'POST', body: {} })
    expect(response.status).toBe(404)
    expect(response.headers.get('ININ-Correlation-Id')).toMatch(UUID)
    expectGenesysError((await response.json()) as Record<string, unknown>, 404, 'not.found')
  })

  it('answers malformed JSON with 400 bad.request', async () => {
    const token = await getToken(sandbox)
    const response = await fetch(`${sandbox.url}/api/v2/uploads/recordings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"fileName": ',
    })
    expect(response.status).toBe(400)
    expectGenesysError((await response.json()) as Record<string, unknown>, 400, 'bad.request')
  })
})

describe('faults', () => {
  it('answers 503/502/504 with the real error body, and leaves /oauth/token alone by default', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ errorRate5xx: 1 })
    for (let i = 0; i < 5; i++) {
      const response = await api(sandbox, '/api/v2/organizations/me', token)
      expect([502, 503, 504]).toContain(response.status)
      expect(response.headers.get('ININ-Correlation-Id')).toMatch(UUID)
      expect(response.headers.get('inin-ratelimit-allowed')).toBe('300')
      const body = (await response.json()) as Record<string, unknown>
      expectGenesysError(body, response.status, body.code as string)
    }
    expect((await requestToken(sandbox)).status).toBe(200)
  })

  it('answers injected 429 bursts with the configured Retry-After whatever the budget', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 7 })
    const response = await api(sandbox, '/api/v2/organizations/me', token)
    expect(response.status).toBe(429)
    expect(response.headers.get('Retry-After')).toBe('7')
    expectGenesysError((await response.json()) as Record<string, unknown>, 429, 'too.many.requests')
    expect(sandbox.stats().faults.burst429).toBeGreaterThanOrEqual(1)
  })

  it('resets the socket after the headers and part of the body', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ resetRate: 1 })
    const outcome = await rawRequest(`${sandbox.url}/api/v2/organizations/me`, { headers: { Authorization: `Bearer ${token}` } })
    expect(outcome.status).toBe(200)
    const declared = Number(outcome.headers?.['content-length'])
    expect(outcome.bodyBytes).toBeGreaterThan(0)
    expect(outcome.bodyBytes).toBeLessThan(declared)
    expect(outcome.error?.code ?? outcome.error?.message).toMatch(/ECONNRESET|aborted|socket hang up/)

    const viaFetch = await api(sandbox, '/api/v2/organizations/me', token)
    expect(viaFetch.status).toBe(200)
    await expect(viaFetch.text()).rejects.toThrow()
    expect(sandbox.stats().status.reset).toBeGreaterThanOrEqual(2)
  })

  it('never answers a hung request, so only the client timeout ends it', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ hangRate: 1 })
    const hung = fetch(`${sandbox.url}/api/v2/organizations/me`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(300),
    })
    await expect(hung).rejects.toThrow(/timeout|aborted/i)
    expect(sandbox.stats().status.hang).toBeGreaterThanOrEqual(1)
  })

  it('adds latency before the answer', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ latencyMs: 400, routes: '^/api/v2/organizations/me$' })
    const order: string[] = []
    const slow = api(sandbox, '/api/v2/organizations/me', token).then((response) => order.push(`slow ${response.status}`))
    const fast = api(sandbox, '/api/v2/not-delayed', token).then((response) => order.push(`fast ${response.status}`))
    await Promise.all([slow, fast])
    expect(order).toEqual(['fast 404', 'slow 200'])
    expect(sandbox.stats().faults.latency).toBeGreaterThanOrEqual(1)
  })

  it('applies faults only to paths matching `routes`, /oauth/token included when it matches', async () => {
    const token = await getToken(sandbox)
    sandbox.setFaults({ errorRate5xx: 1, routes: '^/oauth/token$' })
    expect([502, 503, 504]).toContain((await requestToken(sandbox)).status)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBe(200)
  })

  it('injects the same faults for the same seed', async () => {
    const statuses = async (seed: number) => {
      const other = await startSandbox({ seed, faults: { errorRate5xx: 0.5 } })
      try {
        const token = await getToken(other)
        const seen: number[] = []
        for (let i = 0; i < 20; i++) seen.push((await api(other, '/api/v2/organizations/me', token)).status)
        return seen
      } finally {
        await other.close()
      }
    }
    const first = await statuses(42)
    expect(first).toContain(200)
    expect(first.some((status) => status >= 500)).toBe(true)
    expect(await statuses(42)).toEqual(first)
  })

  it('refuses an invalid fault set', () => {
    expect(() => sandbox.setFaults({ errorRate5xx: 2 })).toThrow()
    expect(() => sandbox.setFaults({ routes: '(' })).toThrow()
  })
})

describe('control routes', () => {
  it('set faults and options and read stats over HTTP', async () => {
    const token = await getToken(sandbox)
    const put = (path: string, body: unknown) =>
      fetch(`${sandbox.url}${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

    expect((await put('/__sandbox/faults', { errorRate5xx: 1, routes: '^/api/v2/organizations' })).status).toBe(200)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBeGreaterThanOrEqual(500)
    expect((await put('/__sandbox/faults', {})).status).toBe(200)
    expect((await api(sandbox, '/api/v2/organizations/me', token)).status).toBe(200)

    const badFaults = await put('/__sandbox/faults', { errorRate5xx: 'often' })
    expect(badFaults.status).toBe(400)
    expect(((await badFaults.json()) as { error: string }).error).toMatch(/errorRate5xx/)

    expect((await put('/__sandbox/options', { rateLimitPerMinute: 1 })).status).toBe(200)
    const fresh = await getToken(sandbox)
    expect((await api(sandbox, '/api/v2/organizations/me', fresh)).status).toBe(200)
    expect((await api(sandbox, '/api/v2/organizations/me', fresh)).status).toBe(429)
    expect((await put('/__sandbox/options', { rateLimitPerMinute: -1 })).status).toBe(400)

    const before = sandbox.stats()
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as ReturnType<Sandbox['stats']>
    expect(stats).toEqual(before)
    expect(stats.byRoute['GET /api/v2/organizations/me']).toBeGreaterThanOrEqual(4)
    expect(stats.status['429']).toBeGreaterThanOrEqual(1)
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(2)
    expect(Object.keys(stats.byRoute).some((route) => route.includes('__sandbox'))).toBe(false)
  })
})
