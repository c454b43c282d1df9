import { randomUUID } from 'node:crypto'
import type { FastifyReply } from 'fastify'

/** One entry of `details` in the platform's error body. */
export interface ErrorDetail {
  errorCode: string
  fieldName?: string
  entityId?: string
  entityName?: string
}

/** The error body every /api/v2 failure carries on the real platform (shared/genesys-api.md). */
export interface GenesysErrorBody {
  message: string
  code: string
  status: number
  messageWithParams?: string
  messageParams: Record<string, string>
  contextId: string
  details: ErrorDetail[]
  errors: GenesysErrorBody[]
  limit?: { key: string; namespace: string; value: number }
}

export interface GenesysErrorExtras {
  details?: ErrorDetail[]
  limit?: GenesysErrorBody['limit']
}

export function genesysErrorBody(status: number, code: string, message: string, extras: GenesysErrorExtras = {}): GenesysErrorBody {
  const body: GenesysErrorBody = {
    message,
    code,
    status,
    messageWithParams: message,
    messageParams: {},
    contextId: randomUUID(),
    details: extras.details ?? [],
    errors: [],
  }
  if (extras.limit) body.limit = extras.limit
  return body
}

export function sendGenesysError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extras?: GenesysErrorExtras,
): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send(genesysErrorBody(status, code, message, extras))
}

/** Codes the platform uses for the statuses the sandbox produces on its own. */
export const STATUS_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'bad.request', message: 'The request could not be understood by the server due to malformed syntax.' },
  401: { code: 'authentication.required', message: 'No authentication bearer token specified in authorization header.' },
  404: { code: 'not.found', message: 'The requested resource was not found.' },
  405: { code: 'method.not.allowed', message: 'The requested method is not allowed for this resource.' },
  413: { code: 'request.entity.too.large', message: 'The request entity is too large.' },
  415: { code: 'unsupported.media.type', message: 'Unsupported media type.' },
  429: { code: 'too.many.requests', message: 'Rate limit exceeded the maximum.' },
  500: { code: 'internal.server.error', message: 'The server encountered an unexpected condition.' },
  502: { code: 'bad.gateway', message: 'The server received an invalid response from an upstream server.' },
  503: { code: 'service.unavailable', message: 'The service is currently unavailable.' },
  504: { code: 'gateway.timeout', message: 'The server did not receive a timely response from an upstream server.' },
}

export function sendGenesysStatus(reply: FastifyReply, status: number, message?: string, extras?: GenesysErrorExtras): FastifyReply {
  const known = STATUS_CODES[status] ?? STATUS_CODES[status >= 500 ? 500 : 400]
  return sendGenesysError(reply, status, known.code, message ?? known.message, extras)
}

/** The body of a refused token request: the login service speaks OAuth, not the platform error body. */
export interface OAuthErrorBody {
  error: string
  description: string
  error_description: string
}

export function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  const body: OAuthErrorBody = { error, description, error_description: description }
  return reply.code(status).type('application/json').send(body)
}

/** S3 answers presigned-URL requests with XML errors; the sandbox's upload host does the same. */
export function sendS3Error(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): FastifyReply {
  const fields = Object.entries({
    Code: code,
    Message: message,
    ...extra,
    RequestId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
  })
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('')
  return reply.code(status).type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`)
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
