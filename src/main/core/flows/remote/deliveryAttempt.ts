import type { IncomingHttpHeaders } from 'node:http'
import { AppError, toAppError } from '../../../../shared/errors'
import { retryAfterSecondsFrom } from '../../genesys/rateLimit'
import { OutboundError, sendOutbound } from '../../net/outboundHttp'
import type { DeliveryBody } from './deliveryBody'
import { backoffMs, type DeliverySchedule } from './deliverySchedule'
import type { RemoteTarget } from './remoteConfig'

/** A receiver's answer is a short acknowledgement; more is not read. */
const MAX_ANSWER_BYTES = 256 * 1024
/** One attempt may stream a large copy over a slow link, but not forever. */
const ATTEMPT_DEADLINE_MS = 15 * 60_000
const CORRELATION_HEADERS = ['x-correlation-id', 'x-request-id', 'inin-correlation-id']

/** What one POST of a copy came to, and what happens next. */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number; correlationId?: string }
  | { kind: 'already-archived'; status: number; correlationId?: string }
  | { kind: 'retry'; status?: number; delayMs: number; reason: AppError; correlationId?: string }
  | { kind: 'failed'; status?: number; error: AppError; correlationId?: string }
  | { kind: 'stopped' }

export interface AttemptSpec {
  target: RemoteTarget
  body: DeliveryBody
  idempotencyKey: string
  /** 1-based, of this round. */
  attempt: number
  schedule: DeliverySchedule
  signal: AbortSignal
}

/**
 * One POST of a copy through outboundHttp. The waits between attempts are the delivery job's (durable,
 * visible, audited one by one), so outboundHttp makes one attempt; `safeToRepeat` because the
 * Idempotency-Key makes a repeated POST harmless to a receiver that honours it.
 */
export async function sendCopyOnce(spec: AttemptSpec): Promise<AttemptOutcome> {
  const { target, body } = spec
  let status: number
  let headers: IncomingHttpHeaders
  let answer: Buffer
  try {
    const response = await sendOutbound({
      method: 'POST',
      url: target.url.href,
      links: target.links,
      headers: {
        'Content-Type': body.contentType,
        Accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
        'Idempotency-Key': spec.idempotencyKey,
        ...(target.token ? { Authorization: `Bearer ${target.token}` } : {}),
      },
      body: { file: body.path, size: body.size },
      maxBodyBytes: MAX_ANSWER_BYTES,
      deadlineMs: ATTEMPT_DEADLINE_MS,
      signal: spec.signal,
      retry: { maxAttempts: 1, safeToRepeat: true },
    })
    ;({ status, headers, body: answer } = response)
  } catch (error) {
    if (spec.signal.aborted) return { kind: 'stopped' }
    return afterNoAnswer(error, spec)
  }
  const correlationId = correlationIdOf(headers)
  const withId = correlationId ? { correlationId } : {}
  if (status >= 200 && status < 300) return { kind: 'delivered', status, ...withId }
  if (status === 409) return { kind: 'already-archived', status, ...withId }
  const host = target.url.host
  const said = answerText(answer)
  if (status === 429 || status >= 500) {
    const asked = status === 429 ? retryAfterSecondsFrom(headers) : undefined
    const reason = new AppError({
      code: status === 429 ? 'rate_limited' : 'server_error',
      message: `The remote archive ${host} answered HTTP ${status}${said}.`,
      hint: '',
      status,
      ...withId,
    })
    if (spec.attempt >= spec.schedule.maxAttempts) return { kind: 'failed', status, error: gaveUp(reason, spec), ...withId }
    const delayMs = asked !== undefined ? Math.min(asked * 1000, spec.schedule.maxRetryAfterMs) : backoffMs(spec.attempt, spec.schedule)
    return { kind: 'retry', status, delayMs, reason, ...withId }
  }
  return { kind: 'failed', status, error: refusal(status, host, said, correlationId), ...withId }
}

function afterNoAnswer(error: unknown, spec: AttemptSpec): AttemptOutcome {
  const failure = error instanceof OutboundError ? error.failure : undefined
  const app = toAppError(error)
  const reason = new AppError({
    ...app.toData(),
    hint: 'Check the network connection and the remote archive address; the copy is sent again on its own.',
  })
  if (failure === 'reset' || failure === 'network' || failure === 'timeout') {
    if (spec.attempt >= spec.schedule.maxAttempts) return { kind: 'failed', error: gaveUp(reason, spec) }
    return { kind: 'retry', delayMs: backoffMs(spec.attempt, spec.schedule), reason }
  }
  return { kind: 'failed', error: reason }
}

function gaveUp(reason: AppError, spec: AttemptSpec): AppError {
  return new AppError({
    ...reason.toData(),
    message: `${reason.message} The copy was sent ${spec.attempt} times and not accepted.`,
    hint:
      reason.code === 'rate_limited'
        ? 'The remote archive is limiting requests. Send the copy again later (Send copy on the archive run).'
        : 'The remote archive seems to be down. Send the copy again later (Send copy on the archive run), or ask whoever runs it.',
  })
}

function refusal(status: number, host: string, said: string, correlationId: string | undefined): AppError {
  const hint =
    status === 401 || status === 403
      ? 'Check the token in the remote archive settings: the receiver did not accept it.'
      : status === 404 || status === 405
        ? 'Check the remote archive address: nothing there receives copies.'
        : status === 413
          ? 'The receiver takes smaller copies: archive fewer versions per run, or raise its limit.'
          : 'The receiver did not accept the copy as sent; its format is described in docs/remote-archive.md. Ask whoever runs it.'
  return new AppError({
    code: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'invalid_input',
    message: `The remote archive ${host} refused the copy: HTTP ${status}${said}.`,
    hint,
    status,
    ...(correlationId ? { correlationId } : {}),
  })
}

/** The start of the receiver's own words, on one line, when it sent text. */
function answerText(body: Buffer): string {
  const text = body
    .subarray(0, 400)
    .toString('utf8')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
  return text ? ` (“${text.slice(0, 200)}”)` : ''
}

function correlationIdOf(headers: IncomingHttpHeaders): string | undefined {
  for (const name of CORRELATION_HEADERS) {
    const value = headers[name]
    const first = Array.isArray(value) ? value[0] : value
    if (first && /^[\w.:-]{1,200}$/.test(first)) return first
  }
  return undefined
}
