/** Classifies errors that happened below HTTP (no usable response): resets, network failures, timeouts. */

export type TransportFailure = 'cancelled' | 'timeout' | 'reset' | 'network'

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'])
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_NETWORK'])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/

interface ErrorLike {
  code?: unknown
  message?: unknown
  name?: unknown
  cause?: unknown
}

export function errorCodeOf(error: unknown): string | undefined {
  const e = error as ErrorLike | undefined
  if (typeof e?.code === 'string') return e.code
  const cause = e?.cause as ErrorLike | undefined
  return typeof cause?.code === 'string' ? cause.code : undefined
}

function messageOf(error: unknown): string {
  const e = error as ErrorLike | undefined
  return typeof e?.message === 'string' ? e.message : ''
}

export function classifyTransportError(error: unknown): TransportFailure | undefined {
  const code = errorCodeOf(error)
  const message = messageOf(error)
  if (code === 'ERR_CANCELED' || (error as ErrorLike)?.name === 'CanceledError') return 'cancelled'
  if (code && RESET_CODES.has(code)) return 'reset'
  // A body cut off mid-way: axios reports it as ERR_BAD_RESPONSE "stream has been aborted", Node as "aborted".
  if (/stream has been aborted|socket hang up|^aborted$|premature close/i.test(message)) return 'reset'
  if (code && TIMEOUT_CODES.has(code)) return 'timeout'
  if (code && (NETWORK_CODES.has(code) || TLS_CODE.test(code))) return 'network'
  return undefined
}

export function isTlsError(error: unknown): boolean {
  const code = errorCodeOf(error)
  return code !== undefined && TLS_CODE.test(code)
}
