import type { IncomingHttpHeaders } from 'node:http'
import { backoffDelayMs, type BackoffOptions } from '../genesys/backoff'
import { retryAfterSecondsFrom } from '../genesys/rateLimit'
import { abortableSleep, type Sleep } from '../genesys/sleep'
import type { TransportFailure } from '../genesys/transportErrors'

export interface RetryOptions {
  /** Attempts in all, the first one included; 1 turns retrying off. Default 3. */
  maxAttempts?: number
  /** A request that is not idempotent (POST) is sent again only when the caller says so. */
  safeToRepeat?: boolean
  /** No Retry-After wait goes past this; default 120 s. */
  maxRetryAfterSeconds?: number
  backoff?: BackoffOptions
  /** Injectable so tests see the waits without spending them. */
  sleep?: Sleep
}

export const OUTBOUND_BACKOFF: BackoffOptions = { baseMs: 300, capMs: 3000 }
export const MAX_RETRY_AFTER_SECONDS = 120
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
/** Failures where no answer came and sending again can help; a cap, a bad body or a stop cannot. */
const RETRYABLE_FAILURES = new Set<TransportFailure | 'unknown'>(['reset', 'network', 'timeout'])

export type RetryDecision = { retry: false } | { retry: true; delayMs: number }

export interface ResolvedRetry {
  maxAttempts: number
  repeatable: boolean
  maxRetryAfterSeconds: number
  backoff: BackoffOptions
  sleep: Sleep
}

export function resolveRetry(method: string, options: RetryOptions = {}): ResolvedRetry {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    repeatable: options.safeToRepeat ?? IDEMPOTENT.has(method),
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? MAX_RETRY_AFTER_SECONDS,
    backoff: options.backoff ?? OUTBOUND_BACKOFF,
    sleep: options.sleep ?? abortableSleep,
  }
}

/** After an answer: 429 and 5xx (not 501) are tried again, waiting what Retry-After asks up to the cap. */
export function afterStatus(policy: ResolvedRetry, attempt: number, status: number, headers: IncomingHttpHeaders): RetryDecision {
  const retryable = status === 429 || (status >= 500 && status !== 501)
  if (!retryable || !policy.repeatable || attempt >= policy.maxAttempts) return { retry: false }
  const asked = retryAfterSecondsFrom(headers)
  if (asked !== undefined) return { retry: true, delayMs: Math.min(asked, policy.maxRetryAfterSeconds) * 1000 }
  return { retry: true, delayMs: backoffDelayMs(attempt - 1, policy.backoff) }
}

/** After no answer: network failures, resets and idle timeouts are tried again. */
export function afterFailure(policy: ResolvedRetry, attempt: number, failure: TransportFailure | 'unknown'): RetryDecision {
  if (!RETRYABLE_FAILURES.has(failure) || !policy.repeatable || attempt >= policy.maxAttempts) return { retry: false }
  return { retry: true, delayMs: backoffDelayMs(attempt - 1, policy.backoff) }
}
