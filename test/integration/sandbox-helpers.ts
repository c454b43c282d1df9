import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { Sandbox } from '../../src/main/sandbox'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
}

export async function requestToken(sandbox: Sandbox, clientSecret = sandbox.clientSecret): Promise<Response> {
  return fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: basicAuth(sandbox.clientId, clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  })
}

export async function getToken(sandbox: Sandbox): Promise<string> {
  const response = await requestToken(sandbox)
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`)
  return ((await response.json()) as { access_token: string }).access_token
}

export async function api(
  sandbox: Sandbox,
  path: string,
  token: string | undefined,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

export interface RawOutcome {
  status?: number
  headers?: IncomingHttpHeaders
  bodyBytes: number
  error?: NodeJS.ErrnoException
  aborted: boolean
}

/** One request with node:http, reporting what arrived before any connection error (fetch hides that). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const outcome: RawOutcome = { bodyBytes: 0, aborted: false }
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (response) => {
      outcome.status = response.statusCode
      outcome.headers = response.headers
      response.on('data', (chunk: Buffer) => (outcome.bodyBytes += chunk.length))
      response.on('aborted', () => (outcome.aborted = true))
      response.on('error', (error) => resolve({ ...outcome, error }))
      response.on('end', () => resolve(outcome))
      response.on('close', () => resolve(outcome))
    })
    request.on('error', (error) => resolve({ ...outcome, error }))
    request.end(options.body)
  })
}
