import { AxiosError, AxiosHeaders } from 'axios'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { toGenesysAppError, toOAuthAppError } from '../../../src/main/core/genesys'

function response(status: number, data: unknown, headers: Record<string, string> = {}) {
  return { status, statusText: '', data, headers: new AxiosHeaders(headers) }
}

const CORRELATION = { 'ININ-Correlation-Id': 'corr-123' }

describe('toGenesysAppError: HTTP answers', () => {
  it('keeps the Genesys message, code, status, contextId, details and correlation id', () => {
    const body = {
      status: 400,
      code: 'bad.request',
      message: 'The field fileName is required',
      contextId: 'ctx-1',
      details: [{ errorCode: 'required', fieldName: 'fileName' }],
    }
    const error = toGenesysAppError(response(400, body, CORRELATION))
    expect(error).toBeInstanceOf(AppError)
    expect(error.toData()).toEqual({
      name: 'AppError',
      code: 'invalid_input',
      message: 'The field fileName is required',
      hint: expect.stringMatching(/correct/i),
      status: 400,
      genesysCode: 'bad.request',
      contextId: 'ctx-1',
      correlationId: 'corr-123',
      details: [{ errorCode: 'required', fieldName: 'fileName' }],
    })
  })

  it('reads the response off an AxiosError', () => {
    const axiosError = new AxiosError(
      'Request failed',
      'ERR_BAD_REQUEST',
      undefined,
      undefined,
      response(404, { message: 'Flow not found', code: 'not.found' }, CORRELATION) as never,
    )
    const error = toGenesysAppError(axiosError)
    expect(error.code).toBe('not_found')
    expect(error.message).toBe('Flow not found')
    expect(error.correlationId).toBe('corr-123')
    expect(error.hint).toMatch(/not found in this org/)
  })

  it('401: check the client id and secret', () => {
    const error = toGenesysAppError(response(401, { message: 'Invalid login credentials', code: 'authentication.required' }))
    expect(error.code).toBe('unauthorized')
    expect(error.hint).toBe('Check the OAuth client id and secret in Connections.')
  })

  it('403: names the missing permission from the message', () => {
    const body = {
      code: 'missing.permissions',
      message: 'Unable to perform the requested action. You are missing the following permission(s): [recording:recording:upload]',
    }
    const error = toGenesysAppError(response(403, body))
    expect(error.code).toBe('forbidden')
    expect(error.hint).toContain('lacks the permission recording:recording:upload')
  })

  it('403: finds the permission in messageParams, or says so plainly when there is none', () => {
    const withParams = toGenesysAppError(response(403, { message: 'Missing {perm}', messageParams: { perm: 'gdpr:request:add' } }))
    expect(withParams.hint).toContain('gdpr:request:add')
    const without = toGenesysAppError(response(403, { message: 'Forbidden' }))
    expect(without.hint).toMatch(/lacks a permission/)
  })

  it('409: reload and apply again', () => {
    const error = toGenesysAppError(
      response(409, {
        message: 'The version number of the modified resource must match the version number in the database',
        code: 'conflict',
      }),
    )
    expect(error.code).toBe('conflict')
    expect(error.hint).toMatch(/reload/i)
  })

  it('429: says how long it waits, and what to do once retries are spent', () => {
    const waiting = toGenesysAppError(response(429, { message: 'Rate limit exceeded' }, { 'Retry-After': '7' }))
    expect(waiting.code).toBe('rate_limited')
    expect(waiting.hint).toBe('Rate limited, waiting 7 s before trying again.')
    const exhausted = toGenesysAppError(response(429, { message: 'Rate limit exceeded' }, { 'Retry-After': '7' }), { retries: 5 })
    expect(exhausted.message).toContain('after 5 retries')
    expect(exhausted.hint).toMatch(/still rate limited/i)
  })

  it('5xx: server_error with a plain hint', () => {
    const error = toGenesysAppError(response(503, { message: 'Service Unavailable', code: 'service.unavailable' }, CORRELATION))
    expect(error.code).toBe('server_error')
    expect(error.status).toBe(503)
    expect(error.hint).toMatch(/correlation id/)
  })

  it('never trusts the body: wrong types are dropped, HTML and junk give a status message', () => {
    const weird = toGenesysAppError(response(400, { message: 42, code: { nested: true }, details: 'nope', contextId: 'ok' }))
    expect(weird.message).toBe('Genesys Cloud answered 400.')
    expect(weird.genesysCode).toBeUndefined()
    expect(weird.details).toBeUndefined()
    expect(weird.contextId).toBe('ok')
    const html = toGenesysAppError({ status: 502, statusText: 'Bad Gateway', data: '<html>oops</html>', headers: {} })
    expect(html.message).toBe('Genesys Cloud answered 502 Bad Gateway.')
    expect(html.code).toBe('server_error')
    const jsonText = toGenesysAppError(response(404, '{"message":"gone"}'))
    expect(jsonText.message).toBe('gone')
  })

  it('caps very long messages', () => {
    const error = toGenesysAppError(response(400, { message: 'x'.repeat(5000) }))
    expect(error.message.length).toBeLessThanOrEqual(500)
  })
})

describe('toGenesysAppError: no answer', () => {
  const cases: Array<[string, AxiosError, string, RegExp]> = [
    ['ECONNRESET', new AxiosError('read ECONNRESET', 'ECONNRESET'), 'network', /cut off/],
    ['socket hang up', new AxiosError('socket hang up', 'ECONNRESET'), 'network', /cut off/],
    [
      'body cut mid-way',
      new AxiosError('stream has been aborted', 'ERR_BAD_RESPONSE', undefined, undefined, response(200, undefined) as never),
      'network',
      /cut off/,
    ],
    ['ECONNREFUSED', new AxiosError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), 'network', /Could not reach/],
    ['ENOTFOUND', new AxiosError('getaddrinfo ENOTFOUND api.example', 'ENOTFOUND'), 'network', /Could not find/],
    ['ETIMEDOUT', new AxiosError('timeout of 300ms exceeded', 'ETIMEDOUT'), 'timeout', /did not answer/],
    ['ERR_CANCELED', new AxiosError('canceled', 'ERR_CANCELED'), 'cancelled', /cancelled/],
  ]
  it.each(cases)('%s', (_name, failure, code, message) => {
    const error = toGenesysAppError(failure, { host: 'api.mypurecloud.ie' })
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
    expect(error.status).toBeUndefined()
  })

  it('network errors point at the network and the region', () => {
    const error = toGenesysAppError(new AxiosError('getaddrinfo ENOTFOUND', 'ENOTFOUND'), { host: 'api.mypurecloud.ie' })
    expect(error.message).toContain('api.mypurecloud.ie')
    expect(error.hint).toMatch(/network/)
    expect(error.hint).toMatch(/region/)
  })

  it('timeouts name the limit', () => {
    expect(toGenesysAppError(new AxiosError('timeout', 'ECONNABORTED'), { timeoutMs: 300 }).message).toContain('0.3 s')
  })

  it('TLS interception is named as such', () => {
    const error = toGenesysAppError(new AxiosError('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'))
    expect(error.code).toBe('network')
    expect(error.hint).toMatch(/proxy/)
  })

  it('passes an AppError through and turns anything else into an internal error', () => {
    const original = new AppError({ code: 'cancelled', message: 'm', hint: 'h' })
    expect(toGenesysAppError(original)).toBe(original)
    expect(toGenesysAppError(new Error('boom')).code).toBe('internal')
  })
})

describe('toOAuthAppError', () => {
  it('wrong credentials: unauthorized with the OAuth error text and the Connections hint', () => {
    const body = { error: 'invalid_client', description: 'client not found', error_description: 'client not found' }
    const error = toOAuthAppError(response(401, body, CORRELATION))
    expect(error.code).toBe('unauthorized')
    expect(error.message).toContain('client not found')
    expect(error.hint).toBe('Check the OAuth client id and secret in Connections.')
    expect(error.genesysCode).toBe('invalid_client')
    expect(error.correlationId).toBe('corr-123')
  })

  it('a client of the wrong grant type says so', () => {
    const error = toOAuthAppError(response(400, { error: 'unauthorized_client' }))
    expect(error.message).toContain('unauthorized_client')
    expect(error.hint).toMatch(/Client Credentials grant/)
  })

  it('other failures map like API errors', () => {
    expect(toOAuthAppError(response(503, { message: 'down' })).code).toBe('server_error')
    expect(toOAuthAppError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED')).code).toBe('network')
  })
})
