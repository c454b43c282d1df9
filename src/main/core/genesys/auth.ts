import axios, { type AxiosInstance } from 'axios'
import { z } from 'zod'
import { cancelledError, toOAuthAppError, unexpectedShapeError } from './errors'
import { correlationIdOf } from './headers'
import { sendWithRetries, type RetryPolicy } from './sendWithRetries'
import type { OnCall } from './callRecord'
import { describeIssues } from './schemaIssues'

export interface AccessToken {
  accessToken: string
  /** Epoch ms when Genesys Cloud stops accepting it. */
  expiresAt: number
  lifetimeSeconds: number
}

export interface TokenProvider {
  /** A cached token, or a fresh one when it is within the refresh margin; one refresh at a time. */
  getToken(signal?: AbortSignal): Promise<AccessToken>
  /** After a 401: forget the token, but only if it is still the one that was refused. */
  invalidate(refusedAccessToken?: string): void
}

export interface TokenProviderOptions {
  loginBase: string
  clientId: string
  clientSecret: string
  timeoutMs: number
  policy: RetryPolicy
  http?: AxiosInstance
  onCall?: OnCall
  /** Epoch ms; injectable so tests can move time. */
  now?: () => number
}

const OAuthTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
})

const REFRESH_MARGIN_SECONDS = 60

/** OAuth client credentials (POST {loginBase}/oauth/token with Basic auth), cached and refreshed early. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now
  const http = options.http ?? axios.create()
  let cached: AccessToken | undefined
  let refreshing: Promise<AccessToken> | undefined

  const refresh = (): Promise<AccessToken> => {
    if (!refreshing) {
      const pending = requestToken(options, http, now).then((token) => {
        cached = token
        return token
      })
      const clear = () => {
        if (refreshing === pending) refreshing = undefined
      }
      pending.then(clear, clear)
      refreshing = pending
    }
    return refreshing
  }

  return {
    getToken(signal) {
      if (signal?.aborted) return Promise.reject(cancelledError())
      if (cached && now() < refreshAt(cached)) return Promise.resolve(cached)
      // The refresh is shared, so one caller's cancel must not cancel it for the others.
      return raceWithSignal(refresh(), signal)
    },
    invalidate(refusedAccessToken) {
      if (!refusedAccessToken || cached?.accessToken === refusedAccessToken) cached = undefined
    },
  }
}

/** 60 s before expiry; for tokens shorter than two minutes, half their lifetime, so one is still usable. */
function refreshAt(token: AccessToken): number {
  const margin = Math.min(REFRESH_MARGIN_SECONDS, token.lifetimeSeconds / 2)
  return token.expiresAt - margin * 1000
}

async function requestToken(options: TokenProviderOptions, http: AxiosInstance, now: () => number): Promise<AccessToken> {
  const url = `${options.loginBase.replace(/\/+$/, '')}/oauth/token`
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')
  const requestedAt = now()
  const { value } = await sendWithRetries({
    method: 'POST',
    recordPath: '/oauth/token',
    host: new URL(url).host,
    timeoutMs: options.timeoutMs,
    policy: options.policy,
    prepare: async () => undefined,
    send: (_none, signal) =>
      http.request({
        method: 'POST',
        url,
        data: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        signal,
        validateStatus: () => true,
        maxRedirects: 0,
      }),
    parse: (response) => {
      const parsed = OAuthTokenResponse.safeParse(response.data)
      if (!parsed.success) throw unexpectedShapeError(describeIssues(parsed.error), response.status, correlationIdOf(response.headers))
      return parsed.data
    },
    toError: toOAuthAppError,
    onCall: options.onCall,
  })
  // Timed from before the request, so the token is never thought valid longer than it is.
  return { accessToken: value.access_token, expiresAt: requestedAt + value.expires_in * 1000, lifetimeSeconds: value.expires_in }
}

function raceWithSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
