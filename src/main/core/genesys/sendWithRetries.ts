import type { AxiosResponse } from 'axios'
import { AppError, toAppError } from '../../../shared/errors'
import { backoffDelayMs, type BackoffOptions } from './backoff'
import { safeNotify, type ApiCallRecord, type OnCall } from './callRecord'
import { cancelledError, timeoutError, type GenesysErrorContext } from './errors'
import { correlationIdOf } from './headers'
import { rateLimitFromHeaders, retryAfterSecondsFrom } from './rateLimit'
import type { Sleep } from './sleep'
import { classifyTransportError } from './transportErrors'

export interface RetryPolicy {
  maxRetries: number
  maxRetryAfterSeconds: number
  sleep: Sleep
  backoff: BackoffOptions
}

export interface SendSpec<P, T> {
  /** For the call records; already stripped of anything personal. */
  method: string
  recordPath: string
  host?: string
  signal?: AbortSignal
  timeoutMs: number
  policy: RetryPolicy
  /** When false, a 5xx or a reset (the request may have been applied) is not sent again. */
  retryServerFailures?: boolean
  /** Runs before each attempt, outside its timing and timeout (e.g. fetching the access token). */
  prepare: (signal?: AbortSignal) => Promise<P>
  /** Sends one attempt; must resolve with any HTTP status (validateStatus: always) and honour the signal. */
  send: (prepared: P, signal: AbortSignal) => Promise<AxiosResponse>
  /** Reads a 2xx answer; throws an AppError when it is not what the caller expects. */
  parse: (response: AxiosResponse) => T
  /** A 401 calls this once per request; returning true re-sends at once with fresh credentials. */
  onUnauthorized?: (prepared: P) => boolean
  toError: (failure: unknown, context: GenesysErrorContext) => AppError
  onResponse?: (response: AxiosResponse) => void
  onCall?: OnCall
  /**
   * Write-ahead: awaited after prepare and before each attempt is sent (e.g. an fsynced audit intent).
   * When it fails, the attempt is not sent.
   */
  beforeSend?: (intent: ApiIntent) => Promise<void>
  /** Told before each wait between attempts, so a screen can count down to the next one. */
  onRetryWait?: (wait: RetryWaitNotice) => void
}

export interface RetryWaitNotice {
  /** The attempt that comes next, counting the first. */
  attempt: number
  maxAttempts: number
  delayMs: number
  /** Why the last attempt failed, in plain words. */
  reason: string
}

/** What is about to be sent: no body, no query values (the record path is already redacted). */
export interface ApiIntent {
  method: string
  path: string
  attempt: number
}

export interface SendResult<T> {
  value: T
  response: AxiosResponse
  latencyMs: number
  retries: number
}

type Attempt = { response: AxiosResponse; error?: undefined } | { response?: undefined; error: unknown }

const RETRYABLE_STATUSES = new Set([502, 503, 504])

/**
 * The retry loop, written by hand rather than with axios-retry or p-retry: neither caps a 429's Retry-After,
 * nor takes an injectable abortable sleep, nor re-authorises exactly once on a 401 without spending the
 * retry budget, nor reports each attempt's outcome.
 */
export async function sendWithRetries<P, T>(spec: SendSpec<P, T>): Promise<SendResult<T>> {
  let retries = 0
  let budgetSpent = 0
  let reauthorized = false
  for (let attempt = 1; ; attempt++) {
    if (spec.signal?.aborted) throw cancelledError()
    const prepared = await spec.prepare(spec.signal)
    if (spec.beforeSend) await writeAhead(spec, attempt)
    const started = performance.now()
    const outcome = await attemptOnce(spec, prepared)
    const latencyMs = Math.round(performance.now() - started)
    const base = baseRecord(spec, attempt, latencyMs, outcome)
    if (outcome.response) spec.onResponse?.(outcome.response)

    if (outcome.response && outcome.response.status >= 200 && outcome.response.status < 300) {
      return finishOk(spec, outcome.response, base, latencyMs, retries)
    }
    if (outcome.response?.status === 401 && spec.onUnauthorized && !reauthorized && spec.onUnauthorized(prepared)) {
      reauthorized = true
      retries++
      safeNotify(spec.onCall, { ...base, outcome: 'retry', errorCode: 'unauthorized' })
      continue
    }
    const wait = retryWait(spec, outcome, budgetSpent)
    if (wait.kind === 'fail') {
      const error = outcomeError(spec, outcome, wait.context)
      safeNotify(spec.onCall, { ...base, outcome: 'error', errorCode: error.code })
      throw error
    }
    safeNotify(spec.onCall, { ...base, outcome: 'retry', errorCode: wait.errorCode, retryAfterSeconds: wait.retryAfterSeconds })
    notifyWait(spec, {
      attempt: budgetSpent + 2,
      maxAttempts: spec.policy.maxRetries + 1,
      delayMs: wait.delayMs,
      reason: waitReason(outcome),
    })
    await waitOrCancel(spec, wait.delayMs)
    budgetSpent++
    retries++
  }
}

async function writeAhead<P, T>(spec: SendSpec<P, T>, attempt: number): Promise<void> {
  try {
    await spec.beforeSend?.({ method: spec.method, path: spec.recordPath, attempt })
  } catch (error) {
    const cause = toAppError(error)
    throw new AppError({
      code: 'file',
      message: `${spec.method} ${spec.recordPath} was not sent: the audit log could not record it first (${cause.message}).`,
      hint: 'Changes to the org are sent only once the audit log has them on disk. Check that the data folder is writable and the disk has free space, then retry.',
    })
  }
}

function finishOk<P, T>(
  spec: SendSpec<P, T>,
  response: AxiosResponse,
  base: ApiCallRecord,
  latencyMs: number,
  retries: number,
): SendResult<T> {
  let value: T
  try {
    value = spec.parse(response)
  } catch (error) {
    const appError = toAppError(error)
    safeNotify(spec.onCall, { ...base, outcome: 'error', errorCode: appError.code })
    throw appError
  }
  safeNotify(spec.onCall, { ...base, outcome: 'ok' })
  return { value, response, latencyMs, retries }
}

type Wait =
  { kind: 'retry'; delayMs: number; retryAfterSeconds?: number; errorCode: string } | { kind: 'fail'; context: GenesysErrorContext }

function retryWait<P, T>(spec: SendSpec<P, T>, outcome: Attempt, budgetSpent: number): Wait {
  const { policy } = spec
  const exhausted: Wait = { kind: 'fail', context: { retries: budgetSpent, host: spec.host } }
  const backoff = () => backoffDelayMs(budgetSpent, policy.backoff)
  const serverRetriesAllowed = spec.retryServerFailures !== false

  if (outcome.response) {
    const status = outcome.response.status
    // A server may ask for days; no wait goes past the cap, and the retry then finds out whether it still means it.
    const asked = retryAfterSecondsFrom(outcome.response.headers)
    const retryAfter = asked === undefined ? undefined : Math.min(asked, policy.maxRetryAfterSeconds)
    if (status === 429) {
      if (budgetSpent >= policy.maxRetries) return exhausted
      return retryAfter !== undefined
        ? { kind: 'retry', delayMs: retryAfter * 1000, retryAfterSeconds: retryAfter, errorCode: 'rate_limited' }
        : { kind: 'retry', delayMs: backoff(), errorCode: 'rate_limited' }
    }
    if (RETRYABLE_STATUSES.has(status) && serverRetriesAllowed) {
      if (budgetSpent >= policy.maxRetries) return exhausted
      if (retryAfter !== undefined) {
        return { kind: 'retry', delayMs: retryAfter * 1000, retryAfterSeconds: retryAfter, errorCode: 'server_error' }
      }
      return { kind: 'retry', delayMs: backoff(), errorCode: 'server_error' }
    }
    return { kind: 'fail', context: { host: spec.host } }
  }
  if (classifyTransportError(outcome.error) === 'reset' && serverRetriesAllowed && !spec.signal?.aborted) {
    if (budgetSpent >= policy.maxRetries) return exhausted
    return { kind: 'retry', delayMs: backoff(), errorCode: 'network' }
  }
  return { kind: 'fail', context: { host: spec.host, timeoutMs: spec.timeoutMs } }
}

function outcomeError<P, T>(spec: SendSpec<P, T>, outcome: Attempt, context: GenesysErrorContext): AppError {
  return spec.toError(outcome.response ?? outcome.error, context)
}

/** One attempt under its own timeout; the caller's signal cancels it. Never throws. */
async function attemptOnce<P, T>(spec: SendSpec<P, T>, prepared: P): Promise<Attempt> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, spec.timeoutMs)
  const onCallerAbort = () => controller.abort()
  spec.signal?.addEventListener('abort', onCallerAbort, { once: true })
  try {
    return { response: await spec.send(prepared, controller.signal) }
  } catch (error) {
    if (spec.signal?.aborted) return { error: cancelledError() }
    if (timedOut) return { error: timeoutError(spec.timeoutMs) }
    return { error }
  } finally {
    clearTimeout(timer)
    spec.signal?.removeEventListener('abort', onCallerAbort)
  }
}

function notifyWait<P, T>(spec: SendSpec<P, T>, notice: RetryWaitNotice): void {
  try {
    spec.onRetryWait?.(notice)
  } catch {
    // A listener's bug cannot fail an API call.
  }
}

function waitReason(outcome: Attempt): string {
  if (!outcome.response) return `the connection to the API failed (${classifyTransportError(outcome.error) ?? 'network'})`
  return outcome.response.status === 429 ? 'the API asked to slow down (HTTP 429)' : `the API answered HTTP ${outcome.response.status}`
}

async function waitOrCancel<P, T>(spec: SendSpec<P, T>, delayMs: number): Promise<void> {
  try {
    await spec.policy.sleep(delayMs, spec.signal)
  } catch (error) {
    if (spec.signal?.aborted) throw cancelledError()
    throw toAppError(error)
  }
  if (spec.signal?.aborted) throw cancelledError()
}

function baseRecord<P, T>(spec: SendSpec<P, T>, attempt: number, latencyMs: number, outcome: Attempt): ApiCallRecord {
  const record: ApiCallRecord = { method: spec.method, path: spec.recordPath, outcome: 'ok', latencyMs, attempt }
  const response = outcome.response ?? (outcome.error as { response?: AxiosResponse } | undefined)?.response
  if (outcome.response) record.status = outcome.response.status
  const correlationId = correlationIdOf(response?.headers)
  if (correlationId) record.correlationId = correlationId
  const rateLimit = outcome.response ? rateLimitFromHeaders(outcome.response.headers) : undefined
  if (rateLimit) record.rateLimit = rateLimit
  return record
}
