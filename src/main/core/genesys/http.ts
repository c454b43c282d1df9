import axios, { type AxiosInstance, type AxiosResponse } from 'axios'
import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { createTokenProvider, type AccessToken } from './auth'
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
import { pathForRecord, type OnCall } from './callRecord'
import { toGenesysAppError, unexpectedShapeError } from './errors'
import { correlationIdOf, plainHeaders, readHeader } from './headers'
import { rateLimitFromHeaders, type RateLimitSnapshot } from './rateLimit'
import { RequestPacer, type PaceWaitListener, type RequestPacerOptions } from './pacer'
import { redactDeep, secretsOfAuthorization } from './redact'
import { describeIssues } from './schemaIssues'
import { sendWithRetries, type ApiIntent, type RetryPolicy, type RetryWaitNotice } from './sendWithRetries'
import { abortableSleep, type Sleep } from './sleep'

export interface GenesysClientOptions {
  apiBase: string
  loginBase: string
  clientId: string
  clientSecret: string
  /** Per attempt; default 30000. */
  timeoutMs?: number
  /** For 429, 502/503/504 and connection resets; default 5. */
  maxRetries?: number
  /** A Retry-After above this is waited as this, never longer; default 120. */
  maxRetryAfterSeconds?: number
  /** Largest answer read, counted after decompression; default 32 MiB. */
  maxResponseBytes?: number
  sleep?: Sleep
  /** One record per HTTP attempt outcome, for the audit log and the status bar. */
  onCall?: OnCall
  /** Awaited before each attempt of a POST, PUT, PATCH or DELETE: the write-ahead intent (see sendWithRetries). */
  writeAhead?: (intent: ApiIntent) => Promise<void>
  /** Epoch ms, for the token's expiry; injectable for tests. */
  now?: () => number
  backoff?: BackoffOptions
  /**
   * Pace API requests under the rate limit (see pacer.ts) rather than sending until 429s come back.
   * Off by default; true uses the defaults.
   */
  pace?: boolean | RequestPacerOptions
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface GenesysRequest<T> {
  method: HttpMethod
  /** Starts with /api/v2; a full URL is refused so the token never goes to another host. */
  path: string
  params?: Record<string, string | number | boolean | undefined>
  data?: unknown
  schema: z.ZodType<T>
  signal?: AbortSignal
  timeoutMs?: number
  /** false for a request that must not be applied twice: a 5xx or a reset is then not re-sent. Default true. */
  retryServerFailures?: boolean
  /** Overrides the client's maxRetries for this request (work that must not give up easily). */
  maxRetries?: number
  /** Told before each wait between attempts (which comes next, how long, why). */
  onRetryWait?: (wait: RetryWaitNotice) => void
  /** Told when an attempt waits a second or more for its turn under the rate limit: until when, epoch ms (an estimate). */
  onRateLimitWait?: PaceWaitListener
}

/** What a caller hears while its request waits before an attempt (see GenesysRequest). */
export type RequestWaitListeners = Pick<GenesysRequest<unknown>, 'onRetryWait' | 'onRateLimitWait'>

export interface GenesysResponse<T> {
  data: T
  status: number
  correlationId?: string
  latencyMs: number
  retries: number
  headers: Record<string, string>
}

export interface GenesysClient {
  request<T>(req: GenesysRequest<T>): Promise<GenesysResponse<T>>
  /** Core use only: a token never goes to the renderer. */
  token(signal?: AbortSignal): Promise<AccessToken>
  /** The last inin-ratelimit-* values seen. */
  rateLimit(): RateLimitSnapshot
  /**
   * For the one request request() cannot send (a prompt's multipart upload to its uploadUri): wait for a
   * turn under the same rate limit, then hand the answer's status and headers back to the pacer.
   */
  paceExternal?(signal?: AbortSignal, onWait?: PaceWaitListener): Promise<(status: number, headers: unknown) => void>
}

/** API answers are small JSON documents; a hostile or broken server must not fill memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

export function createGenesysClient(options: GenesysClientOptions): GenesysClient {
  const timeoutMs = options.timeoutMs ?? 30_000
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? 5,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 120,
    sleep: options.sleep ?? abortableSleep,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  const api = createAxios(options.apiBase, maxResponseBytes)
  const auth = createTokenProvider({
    loginBase: options.loginBase,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs,
    policy,
    http: createAxios(options.loginBase, maxResponseBytes),
    onCall: options.onCall,
    now: options.now,
  })
  const apiHost = new URL(options.apiBase).host
  let lastRateLimit: RateLimitSnapshot = {}
  const pacer = options.pace
    ? new RequestPacer({ maxHoldSeconds: policy.maxRetryAfterSeconds, ...(options.pace === true ? {} : options.pace) })
    : undefined

  async function request<T>(req: GenesysRequest<T>): Promise<GenesysResponse<T>> {
    assertApiPath(req.path)
    const attemptTimeoutMs = req.timeoutMs ?? timeoutMs
    const result = await sendWithRetries({
      method: req.method,
      recordPath: pathForRecord(req.path),
      host: apiHost,
      signal: req.signal,
      timeoutMs: attemptTimeoutMs,
      policy: req.maxRetries === undefined ? policy : { ...policy, maxRetries: req.maxRetries },
      retryServerFailures: req.retryServerFailures,
      prepare: async (signal) => {
        await pacer?.take(signal, req.onRateLimitWait)
        return auth.getToken(signal)
      },
      send: (token, signal) =>
        api.request({
          method: req.method,
          url: req.path,
          params: definedParams(req.params),
          data: req.data,
          headers: { Authorization: `Bearer ${token.accessToken}` },
          signal,
        }),
      parse: (response) => {
        const parsed = req.schema.safeParse(response.data)
        if (!parsed.success) throw unexpectedShapeError(describeIssues(parsed.error), response.status, correlationIdOf(response.headers))
        return parsed.data
      },
      onUnauthorized: (token) => {
        auth.invalidate(token.accessToken)
        return true
      },
      toError: toGenesysAppError,
      onResponse: (response) => {
        pacer?.observe(response.status, response.headers)
        const seen = rateLimitFromHeaders(response.headers)
        if (seen) lastRateLimit = { ...lastRateLimit, ...seen }
      },
      onCall: options.onCall,
      beforeSend: req.method === 'GET' ? undefined : options.writeAhead,
      onRetryWait: req.onRetryWait,
    })
    return {
      data: result.value,
      status: result.response.status,
      correlationId: correlationIdOf(result.response.headers),
      latencyMs: result.latencyMs,
      retries: result.retries,
      headers: plainHeaders(result.response.headers),
    }
  }

  return {
    request,
    token: (signal) => auth.getToken(signal),
    rateLimit: () => ({ ...lastRateLimit }),
    paceExternal: async (signal, onWait) => {
      await pacer?.take(signal, onWait)
      return (status, headers) => {
        pacer?.observe(status, headers)
        const seen = rateLimitFromHeaders(headers)
        if (seen) lastRateLimit = { ...lastRateLimit, ...seen }
      }
    },
  }
}

function createAxios(baseURL: string, maxResponseBytes: number): AxiosInstance {
  const instance = axios.create({
    baseURL,
    headers: { Accept: 'application/json' },
    // axios counts the body after decompression and stops reading at the cap (test/integration/genesys-body-caps.test.ts).
    maxContentLength: maxResponseBytes,
    maxBodyLength: maxResponseBytes,
    // Every status comes back as a response: the retry loop decides, not axios.
    validateStatus: () => true,
    // API answers do not redirect; following one could carry the bearer token elsewhere.
    maxRedirects: 0,
    // The sandbox is on loopback: a system proxy must not be put between us and it.
    proxy: isLoopback(baseURL) ? false : undefined,
  })
  instance.interceptors.response.use(redactErrorBody)
  return instance
}

/** An error body that echoes the Authorization header, the token or the client secret loses them here, before any error is built from it. */
function redactErrorBody(response: AxiosResponse): AxiosResponse {
  if (response.status < 400 || response.data === undefined || response.data === null) return response
  const secrets = secretsOfAuthorization(readHeader(response.config?.headers, 'authorization'))
  response.data = redactDeep(response.data, secrets)
  return response
}

function isLoopback(baseURL: string): boolean {
  const host = new URL(baseURL).hostname
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
}

function assertApiPath(path: string): void {
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new AppError({
      code: 'internal',
      message: `Refused to send a request to "${path.slice(0, 80)}": only paths under the org's API address are allowed.`,
      hint: 'This is a bug in Switchboard. The audit log has the details of the last calls.',
    })
  }
}

function definedParams(params: GenesysRequest<unknown>['params']): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined
  const defined = Object.entries(params).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
  return Object.fromEntries(defined)
}
