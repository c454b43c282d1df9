/** Classifies errors that happened below HTTP (no usable response): resets, network failures, timeouts. */

export type TransportFailure = 'cancelled' | 'timeout' | 'reset' | 'network' | 'too_large' | 'damaged_body' | 'unsupported_protocol'

/** Our own code for a body cut off at its size cap; axios says "maxContentLength size of N exceeded". */
export const RESPONSE_TOO_LARGE_CODE = 'ERR_RESPONSE_TOO_LARGE'
const ZLIB_CODES = /^Z_(DATA|BUF|STREAM|NEED_DICT|MEM)_ERROR$/

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'])
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_NETWORK'])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/

interface ErrorLike {
  code?: unknown
  message?: unknown
  name?: unknown
  cause?: unknown
  limitBytes?: unknown
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
  if (code === RESPONSE_TOO_LARGE_CODE || /maxContentLength size of \d+ exceeded/.test(message)) return 'too_large'
  if (
    (code && ZLIB_CODES.test(code)) ||
    /incorrect header check|invalid (block type|distance|stored block)|unexpected end of file|zlib/i.test(message)
  )
    return 'damaged_body'
  if (/^Unsupported protocol/i.test(message) || code === 'ERR_INVALID_PROTOCOL') return 'unsupported_protocol'
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

/** The cap a too-large body ran into, in bytes, when the error says. */
export function sizeLimitOf(error: unknown): number | undefined {
  const e = error as ErrorLike | undefined
  if (typeof e?.limitBytes === 'number') return e.limitBytes
  const match = /maxContentLength size of (\d+) exceeded/.exec(messageOf(error))
  return match ? Number(match[1]) : undefined
}

/** A body that went past `limitBytes`: what our own streamed readers throw. */
export function responseTooLarge(limitBytes: number): Error {
  return Object.assign(new Error(`the answer went past ${limitBytes} bytes`), { code: RESPONSE_TOO_LARGE_CODE, limitBytes })
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${bytes} bytes`
}

/** A transport failure in plain words, for messages that name what went wrong without raw library text. */
export function describeTransportError(error: unknown): string {
  const code = errorCodeOf(error)
  switch (classifyTransportError(error)) {
    case 'cancelled':
      return 'it was stopped'
    case 'timeout':
      return 'no answer came in time'
    case 'reset':
      return 'the connection was cut off'
    case 'too_large': {
      const limit = sizeLimitOf(error)
      return `the answer was larger than ${limit ? formatBytes(limit) : 'allowed'}`
    }
    case 'damaged_body':
      return 'the answer was compressed data that could not be read'
    case 'unsupported_protocol':
      return 'the address is not an http or https link'
    case 'network':
      if (isTlsError(error)) return `the secure connection could not be verified (${code})`
      if (code === 'ECONNREFUSED') return 'the connection was refused'
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be found'
      return `the network failed${code ? ` (${code})` : ''}`
    default:
      return code ? `an unexpected failure (${code})` : 'an unexpected failure'
  }
}
