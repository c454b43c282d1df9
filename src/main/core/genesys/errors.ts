import { AppError, toAppError, type AppErrorCode } from '../../../shared/errors'
import { parseErrorBody, type GenesysErrorBody } from './errorBody'
import { correlationIdOf } from './headers'
import { retryAfterSecondsFrom } from './rateLimit'
import { redactDeep, redactText } from './redact'
import { classifyTransportError, errorCodeOf, formatBytes, isTlsError, sizeLimitOf } from './transportErrors'

/** What the caller knows beyond the error itself, so the message can be precise. */
export interface GenesysErrorContext {
  /** Per-attempt timeout in ms, named in timeout messages. */
  timeoutMs?: number
  /** Set when the error is final after retrying: the retries spent. */
  retries?: number
  /** Host the request went to, named in network errors. */
  host?: string
}

interface ResponseLike {
  status: number
  statusText?: string
  data?: unknown
  headers?: unknown
}

const CREDENTIALS_HINT = 'Check the OAuth client id and secret in Connections.'
const NETWORK_HINT = 'Check the network connection and the region of this org in Connections.'
const MAX_MESSAGE_LENGTH = 500

/** Turns an axios error or an HTTP error response from Genesys Cloud into one AppError with a plain hint. */
export function toGenesysAppError(failure: unknown, context: GenesysErrorContext = {}): AppError {
  if (failure instanceof AppError) return failure
  const transport = classifyTransportError(failure)
  if (transport === 'cancelled') return cancelledError()
  if (transport === 'timeout') return timeoutError(context.timeoutMs)
  if (transport === 'too_large') return responseTooLargeError(sizeLimitOf(failure), context.host)
  if (transport === 'damaged_body') return damagedBodyError(context.host)
  if (transport === 'unsupported_protocol') return unsupportedProtocolError()
  if (transport) return networkError(failure, transport, context.host)
  const response = responseOf(failure)
  if (response) return httpError(response, context)
  return toAppError(failure)
}

/** The OAuth server's refusals ({error, error_description}) mean wrong credentials or a wrong kind of client. */
export function toOAuthAppError(failure: unknown, context: GenesysErrorContext = {}): AppError {
  if (failure instanceof AppError) return failure
  const response = classifyTransportError(failure) ? undefined : responseOf(failure)
  if (!response || ![400, 401, 403].includes(response.status)) return toGenesysAppError(failure, context)
  const body = parseErrorBody(response.data)
  const reason = body.error_description || body.description || body.error || body.message || `HTTP ${response.status}`
  return new AppError({
    code: 'unauthorized',
    message: truncate(redactText(`Genesys Cloud refused the OAuth client: ${reason}`)),
    hint:
      body.error === 'unauthorized_client'
        ? 'This OAuth client may not use the Client Credentials grant. ' + CREDENTIALS_HINT
        : CREDENTIALS_HINT,
    status: response.status,
    genesysCode: body.error ?? body.code,
    correlationId: correlationIdOf(response.headers),
  })
}

export function cancelledError(): AppError {
  return new AppError({
    code: 'cancelled',
    message: 'The request was cancelled.',
    hint: 'You stopped it before Genesys Cloud answered. If it was a change, check whether it was applied before repeating it.',
  })
}

export function timeoutError(timeoutMs?: number): AppError {
  const within = timeoutMs !== undefined ? ` within ${formatSeconds(timeoutMs / 1000)} s` : ''
  return new AppError({
    code: 'timeout',
    message: `Genesys Cloud did not answer${within}.`,
    hint: 'Check the network connection and try again; Genesys Cloud may be slow right now.',
  })
}

/** The answer arrived but not in the shape we rely on: never guess at it. */
export function unexpectedShapeError(issues: string, status: number, correlationId?: string): AppError {
  return new AppError({
    code: 'server_error',
    message: truncate(`Genesys Cloud answered in an unexpected shape: ${issues}`),
    hint: 'The API answered in an unexpected shape. Nothing was assumed from it; give support the correlation id.',
    status,
    correlationId,
  })
}

/** A body past its cap, counted after decompression: reading stopped there. */
export function responseTooLargeError(limitBytes: number | undefined, host?: string): AppError {
  const from = host ?? 'Genesys Cloud'
  return new AppError({
    code: 'response_too_large',
    message: `The answer from ${from} was larger than ${limitBytes ? formatBytes(limitBytes) : 'Switchboard reads'}, so Switchboard stopped reading it.`,
    hint: 'No answer that large is expected; the server may be broken or hostile. Try again later, and give support the correlation id from the audit log if it keeps happening.',
  })
}

function damagedBodyError(host?: string): AppError {
  return new AppError({
    code: 'server_error',
    message: `The answer from ${host ?? 'Genesys Cloud'} was compressed data that could not be read.`,
    hint: 'A proxy may be altering the traffic, or the server had a problem. Try again; if it keeps happening, check the network path.',
  })
}

function unsupportedProtocolError(): AppError {
  return new AppError({
    code: 'invalid_input',
    message: 'Switchboard only connects to https addresses (and http on this computer for a local sandbox).',
    hint: "Check the profile's gateway URL in Connections.",
  })
}

export function rateLimitedWaitingHint(seconds: number): string {
  return `Rate limited, waiting ${seconds} s before trying again.`
}

function httpError(response: ResponseLike, context: GenesysErrorContext): AppError {
  const body = parseErrorBody(response.data)
  const { code, hint } = classifyStatus(response, body, context)
  return new AppError({
    code,
    message: truncate(redactText(messageOf(response, body, context))),
    hint,
    status: response.status,
    genesysCode: body.code,
    contextId: body.contextId,
    correlationId: correlationIdOf(response.headers),
    details: body.details ? redactDeep(body.details) : undefined,
  })
}

function classifyStatus(
  response: ResponseLike,
  body: GenesysErrorBody,
  context: GenesysErrorContext,
): { code: AppErrorCode; hint: string } {
  const status = response.status
  if (status === 401) return { code: 'unauthorized', hint: CREDENTIALS_HINT }
  if (status === 403) return { code: 'forbidden', hint: permissionHint(body) }
  if (status === 404) {
    return { code: 'not_found', hint: 'It was not found in this org: it may have been deleted, or it belongs to another org or region.' }
  }
  if (status === 409) {
    return { code: 'conflict', hint: 'It changed in Genesys Cloud since it was loaded: reload it, then apply your change again.' }
  }
  if (status === 429) return { code: 'rate_limited', hint: rateLimitHint(response, context) }
  if (status >= 500) {
    return {
      code: 'server_error',
      hint: 'Genesys Cloud had a problem on its side. Try again in a few minutes; if it persists, give support the correlation id.',
    }
  }
  if (status >= 400) return { code: 'invalid_input', hint: 'Genesys Cloud rejected the values sent. Correct them and try again.' }
  return { code: 'server_error', hint: `Genesys Cloud answered with an unexpected status ${status}; give support the correlation id.` }
}

function messageOf(response: ResponseLike, body: GenesysErrorBody, context: GenesysErrorContext): string {
  const text =
    body.message ||
    body.messageWithParams ||
    `Genesys Cloud answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`
  return context.retries ? `${text} (after ${context.retries} ${context.retries === 1 ? 'retry' : 'retries'})` : text
}

function rateLimitHint(response: ResponseLike, context: GenesysErrorContext): string {
  const retryAfter = retryAfterSecondsFrom(response.headers)
  if (context.retries !== undefined) {
    return 'Still rate limited after retrying. Wait a minute and try again, or run fewer jobs at once.'
  }
  return retryAfter !== undefined ? rateLimitedWaitingHint(retryAfter) : 'Rate limited. Wait a minute and try again.'
}

/** Genesys names the missing permission as domain:entity:action, in the message or its params. */
export function missingPermissionOf(body: GenesysErrorBody): string | undefined {
  const texts = [body.message, body.messageWithParams, ...Object.values(body.messageParams ?? {}).map(String)]
  for (const text of texts) {
    const match = text?.match(/\b[a-zA-Z][\w-]*:[\w-]+:[\w*-]+\b/)
    if (match) return match[0]
  }
  return undefined
}

function permissionHint(body: GenesysErrorBody): string {
  const permission = missingPermissionOf(body)
  return permission
    ? `The OAuth client lacks the permission ${permission}. Add a role with it to the OAuth client in Genesys Cloud Admin.`
    : 'The OAuth client lacks a permission this action needs. Check the roles of the OAuth client in Genesys Cloud Admin.'
}

function networkError(failure: unknown, kind: 'reset' | 'network', host?: string): AppError {
  const code = errorCodeOf(failure)
  const where = host ? ` ${host}` : ' Genesys Cloud'
  if (isTlsError(failure)) {
    return new AppError({
      code: 'network',
      message: `The secure connection to${where} could not be verified (${code}).`,
      hint: 'A proxy or firewall may be intercepting HTTPS. Check the network, or ask IT to allow Genesys Cloud.',
    })
  }
  const message =
    kind === 'reset'
      ? `The connection to${where} was cut off before the answer was complete.`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `Could not find${where} (${code}).`
        : `Could not reach${where}${code ? ` (${code})` : ''}.`
  return new AppError({ code: 'network', message, hint: NETWORK_HINT })
}

function responseOf(failure: unknown): ResponseLike | undefined {
  const candidate = (failure as { response?: unknown } | undefined)?.response ?? failure
  if (!candidate || typeof candidate !== 'object') return undefined
  const status = (candidate as { status?: unknown }).status
  return typeof status === 'number' ? (candidate as ResponseLike) : undefined
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1)
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text
}
