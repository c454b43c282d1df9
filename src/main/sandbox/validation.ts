import type { FastifyReply } from 'fastify'
import type { z } from 'zod'
import { sendGenesysError, type ErrorDetail } from './errors'

/**
 * Parse an API request body; on failure answer 400 with the platform's error body, one detail per
 * offending field, and return undefined.
 */
export function parseApiBody<T extends z.ZodType>(schema: T, body: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    errorCode: issue.code === 'invalid_type' && issue.input === undefined ? 'missing.value' : 'invalid.value',
    fieldName: issue.path.join('.') || undefined,
  }))
  const message = result.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
  sendGenesysError(reply, 400, 'bad.request', message, { details })
  return undefined
}
