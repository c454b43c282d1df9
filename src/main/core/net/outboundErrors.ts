import { AppError } from '../../../shared/errors'
import { cancelledError, responseTooLargeError, toGenesysAppError } from '../genesys/errors'
import { classifyTransportError, sizeLimitOf, type TransportFailure } from '../genesys/transportErrors'

/**
 * A request that got no usable answer, in the shared AppError words. Keeps what callers that run their
 * own recovery need: the raw cause (for the transport words), the failure kind, and whether every byte
 * of the request body had left (then the server may have acted on it).
 */
export class OutboundError extends AppError {
  constructor(
    app: AppError,
    readonly failure: TransportFailure | 'unknown',
    readonly bodySent: boolean,
    readonly transportCause: unknown,
  ) {
    super(app.toData())
  }
}

export function outboundError(cause: unknown, context: { host: string; idleTimeoutMs: number; bodySent: boolean }): OutboundError {
  if (cause instanceof OutboundError) return cause
  const failure = classifyTransportError(cause) ?? (cause instanceof AppError && cause.code === 'cancelled' ? 'cancelled' : 'unknown')
  return new OutboundError(appErrorFor(cause, failure, context), failure, context.bodySent, cause)
}

function appErrorFor(cause: unknown, failure: TransportFailure | 'unknown', context: { host: string; idleTimeoutMs: number }): AppError {
  if (cause instanceof AppError) return cause
  if (failure === 'cancelled') return cancelledError()
  if (failure === 'too_large') return responseTooLargeError(sizeLimitOf(cause), context.host)
  if (failure === 'timeout') {
    const deadline = (cause as { deadlineMs?: unknown }).deadlineMs
    return new AppError({
      code: 'timeout',
      message:
        typeof deadline === 'number'
          ? `${context.host} did not finish within ${seconds(deadline)} s.`
          : `${context.host} sent and received nothing for ${seconds(context.idleTimeoutMs)} s.`,
      hint: 'Check the network connection and try again; the server may be slow right now.',
    })
  }
  return toGenesysAppError(cause, { host: context.host })
}

function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10)
}

/** The codes our own attempt loop uses, so classifyTransportError reads them like any Node error. */
export function timedOut(message: string, extra: { deadlineMs?: number } = {}): Error {
  return Object.assign(new Error(message), { code: 'ETIMEDOUT', ...extra })
}

export function cancelled(): Error {
  return Object.assign(new Error('stopped'), { code: 'ERR_CANCELED' })
}
