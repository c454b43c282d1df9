import { toAppError } from '../../../shared/errors'
import { retryAfterSecondsFrom } from '../genesys/rateLimit'
import { postSmall } from '../net/outboundPost'
import { linkRuleFor } from './endpointUrl'
import type { SignedRequest } from './signer'

/** What one POST to an endpoint came to. */
export interface AttemptOutcome {
  status?: number
  latencyMs: number
  /** No answer (network, timeout) or an answer Switchboard could not read: why, for the log. */
  error?: string
  hint?: string
  retryAfterMs?: number
  /** The start of the answer's body, for "Send test event". */
  bodyStart?: string
}

/** Of an answer only this much is read: a receiver answers with a status, not a document. */
const MAX_ANSWER_BYTES = 64 * 1024
const BODY_START_CHARS = 2_000

/**
 * One POST through the outbound module's small-request path, with no retry of its own (the scheduler
 * retries, durably) and a timeout both for silence and for the whole exchange, so a receiver that hangs
 * cannot hold its queue. A longer answer is cut at MAX_ANSWER_BYTES: its status still counts.
 */
export async function postAttempt(url: URL, signed: SignedRequest, timeoutMs: number, signal: AbortSignal): Promise<AttemptOutcome> {
  const started = performance.now()
  try {
    const response = await postSmall({
      url,
      links: linkRuleFor(url),
      headers: signed.headers,
      body: signed.body,
      maxAnswerBytes: MAX_ANSWER_BYTES,
      timeoutMs,
      signal,
    })
    const retryAfter = retryAfterSecondsFrom(response.headers)
    return {
      status: response.status,
      latencyMs: response.latencyMs,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
      bodyStart: response.body
        .subarray(0, BODY_START_CHARS * 4)
        .toString('utf8')
        .slice(0, BODY_START_CHARS),
    }
  } catch (error) {
    const failure = toAppError(error)
    return { latencyMs: Math.round(performance.now() - started), error: failure.message.slice(0, 500), hint: failure.hint }
  }
}
