/**
 * The one client for every request that does not go to the Genesys API: presigned uploads, upload
 * report files, privacy result downloads. Built on node:http/https rather than axios or fetch because a
 * presigned PUT needs to know whether every byte of the body left (that decides whether the object may
 * be stored), streams from disk with progress, and must send exactly the presign's headers; node:http
 * also follows no redirect and adds no proxy of its own. One place holds the URL rule, the retry
 * policy, timeouts, the stop, the size caps and the progress callbacks.
 */
import { randomBytes, type Hash } from 'node:crypto'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { IncomingHttpHeaders } from 'node:http'
import { AppError } from '../../../shared/errors'
import { sendAttempt, type AnswerSink, type OutboundBody, type Progress } from './outboundAttempt'
import { cancelled, outboundError, timedOut, type OutboundError } from './outboundErrors'
import { afterFailure, afterStatus, resolveRetry, type ResolvedRetry, type RetryDecision, type RetryOptions } from './outboundRetry'
import { assertOutboundUrl, type OutboundUrlRule } from './outboundUrl'

export type { OutboundBody } from './outboundAttempt'
export { OutboundError } from './outboundErrors'
export type { RetryOptions } from './outboundRetry'

export interface OutboundRequest extends Progress {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE'
  url: string
  /** Which links may be followed; every request (and so every retry) is checked against it. */
  links: OutboundUrlRule
  /** Sent as given: nothing is added but Content-Length for a body and Accept-Encoding for a GET. */
  headers?: Record<string, string>
  body?: OutboundBody
  /** Largest 2xx answer kept, counted after decompression. */
  maxBodyBytes: number
  signal?: AbortSignal
  /** Per attempt: nothing sent or received for this long ends it. Default 60 s. */
  idleTimeoutMs?: number
  /** For the whole request, retries and their waits included. Default: none beyond the retries. */
  deadlineMs?: number
  retry?: RetryOptions
}

export interface OutboundResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The answer's body; for an answer that is not 2xx, only its start (for the error text). */
  body: Buffer
  attempts: number
  /** Of the last attempt. */
  latencyMs: number
  /** Every byte of the request body was handed to the network. */
  bodySent: boolean
}

export interface DownloadedFile {
  path: string
  bytes: number
  sha256: string
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000

/** Sends the request; a 2xx answer is kept in memory up to maxBodyBytes. Any final status is returned. */
export async function sendOutbound(request: OutboundRequest): Promise<OutboundResponse> {
  const result = await run(
    request,
    () => ({ kind: 'buffer', maxBytes: request.maxBodyBytes }),
    async () => undefined,
  )
  return result.response
}

/**
 * Streams a 2xx answer into `target`: written to a temp file next to it (created new, mode 0600),
 * checked (declared size; expected SHA-256 when given), then renamed into place. A failed attempt leaves
 * no file behind; an answer that is not 2xx is returned with no file.
 */
export async function downloadToFile(
  request: OutboundRequest & { target: string; expectSha256?: string },
): Promise<OutboundResponse & { file?: DownloadedFile }> {
  const temps: string[] = []
  const tempPath = () => {
    const path = join(dirname(request.target), `.${basename(request.target)}.${randomBytes(6).toString('hex')}.part`)
    temps.push(path)
    return path
  }
  try {
    const { response, file, sinkPath } = await run(
      request,
      () => ({ kind: 'file', path: tempPath(), maxBytes: request.maxBodyBytes }),
      removeAll(temps),
    )
    if (!file || !sinkPath) return response
    if (request.expectSha256 && request.expectSha256.toLowerCase() !== file.sha256) {
      throw new AppError({
        code: 'network',
        message: 'The download arrived damaged: its SHA-256 does not match the one expected.',
        hint: 'Download it again.',
      })
    }
    await rename(sinkPath, request.target)
    return { ...response, file: { path: request.target, ...file } }
  } finally {
    await removeAll(temps)()
  }
}

/**
 * One attempt (no retries: the caller decides, knowing what is on disk) that streams a 2xx answer into
 * `path` and leaves whatever arrived there, also when the answer is cut short, so a later attempt can
 * continue with Range. `resume` continues the file at its offset when the server answers 206 (see
 * AnswerSink); without it the file must not exist. An answer that is not 2xx writes nothing.
 */
export async function fetchIntoFile(
  request: Omit<OutboundRequest, 'retry'> & { path: string; resume?: { offset: number; hash: Hash } },
): Promise<OutboundResponse & { file?: { bytes: number; sha256: string } }> {
  const { response, file } = await run(
    { ...request, retry: { maxAttempts: 1 } },
    () => ({ kind: 'file', path: request.path, maxBytes: request.maxBodyBytes, ...(request.resume ? { resume: request.resume } : {}) }),
    async () => undefined,
  )
  return file ? { ...response, file } : response
}

function removeAll(paths: string[]): () => Promise<void> {
  return async () => {
    await Promise.all(paths.splice(0).map((path) => rm(path, { force: true })))
  }
}

interface RunResult {
  response: OutboundResponse
  file?: { bytes: number; sha256: string }
  sinkPath?: string
}

async function run(request: OutboundRequest, sinkFor: () => AnswerSink, afterFailedAttempt: () => Promise<void>): Promise<RunResult> {
  const url = assertOutboundUrl(request.url, request.links)
  const idleTimeoutMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
  const policy = resolveRetry(request.method, request.retry)
  const control = new AbortController()
  const onCallerAbort = () => control.abort(cancelled())
  if (request.signal?.aborted) onCallerAbort()
  else request.signal?.addEventListener('abort', onCallerAbort, { once: true })
  const deadlineAt = request.deadlineMs === undefined ? undefined : Date.now() + request.deadlineMs
  const deadline =
    request.deadlineMs === undefined ? undefined : setTimeout(abortAtDeadline, request.deadlineMs, control, request.deadlineMs)
  const headers = request.method === 'GET' ? { 'Accept-Encoding': 'gzip, deflate, br', ...request.headers } : { ...request.headers }
  // The waits and the error context are functions of the module rather than closures made per request:
  // a request to a fast receiver is cheap enough that building them was a visible share of its cost.
  const retry = { deadlineAt, policy, signal: control.signal, context: errorContext(url, idleTimeoutMs, false) }

  try {
    for (let attempt = 1; ; attempt++) {
      if (control.signal.aborted) throw outboundError(control.signal.reason, retry.context)
      const sink = sinkFor()
      const started = performance.now()
      // A deadline no later than the idle timeout would end a silent attempt first: no idle timer then
      // (on small loopback POSTs a second timer per request was a visible share of each, as measured).
      const attemptIdleMs = deadlineAt !== undefined && deadlineAt - Date.now() <= idleTimeoutMs ? undefined : idleTimeoutMs
      const result = await sendAttempt({
        ...request,
        method: request.method,
        url,
        headers,
        sink,
        idleTimeoutMs: attemptIdleMs,
        signal: control.signal,
      })
      const latencyMs = Math.round(performance.now() - started)
      if (result.ok) {
        const { answer } = result
        const response: OutboundResponse = {
          status: answer.status,
          headers: answer.headers,
          body: answer.body,
          attempts: attempt,
          latencyMs,
          bodySent: result.bodySent,
        }
        const done: RunResult = {
          response,
          ...(answer.file ? { file: answer.file, sinkPath: sink.kind === 'file' ? sink.path : undefined } : {}),
        }
        if (answer.file) return done
        await afterFailedAttempt()
        const outcome = await waitToRetry(retry, afterStatus(policy, attempt, answer.status, answer.headers), () => done)
        if (outcome) return outcome
        continue
      }
      await afterFailedAttempt()
      const error: OutboundError = outboundError(result.error, errorContext(url, idleTimeoutMs, result.bodySent))
      await waitToRetry(retry, afterFailure(policy, attempt, error.failure), () => {
        throw error
      })
    }
  } finally {
    clearTimeout(deadline)
    request.signal?.removeEventListener('abort', onCallerAbort)
  }
}

function abortAtDeadline(control: AbortController, deadlineMs: number): void {
  control.abort(timedOut('deadline passed', { deadlineMs }))
}

function errorContext(url: URL, idleTimeoutMs: number, bodySent: boolean): { host: string; idleTimeoutMs: number; bodySent: boolean } {
  return { host: url.host, idleTimeoutMs, bodySent }
}

interface RetryWait {
  deadlineAt: number | undefined
  policy: ResolvedRetry
  signal: AbortSignal
  context: ReturnType<typeof errorContext>
}

/** Waits before the next attempt; gives up (onGiveUp) when the decision says so or the wait would pass the deadline. */
async function waitToRetry(
  { deadlineAt, policy, signal, context }: RetryWait,
  decision: RetryDecision,
  onGiveUp: () => never | RunResult,
): Promise<RunResult | undefined> {
  if (!decision.retry || (deadlineAt !== undefined && Date.now() + decision.delayMs >= deadlineAt)) return onGiveUp()
  try {
    await policy.sleep(decision.delayMs, signal)
  } catch {
    throw outboundError(signal.reason ?? cancelled(), context)
  }
  return undefined
}
