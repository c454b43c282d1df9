import type { InvokeResponse } from '../../../shared/api'
import { AppError, AppErrorData } from '../../../shared/errors'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** True when `body` has the shape every transport answers with: {ok: true, value} or {ok: false, error}. */
export function isInvokeResponse(body: unknown): body is InvokeResponse<unknown> {
  if (!isRecord(body)) return false
  if (body.ok === true) return 'value' in body
  return body.ok === false && isRecord(body.error)
}

/** Returns the value of an InvokeResponse or throws its error as an AppError. */
export function unwrapInvokeResponse<R>(response: unknown): R {
  if (!isInvokeResponse(response)) {
    throw new AppError({
      code: 'internal',
      message: 'The app core answered in an unexpected shape.',
      hint: 'This is a bug in Switchboard. Reload the window; if it persists, report it with the audit log.',
    })
  }
  if (response.ok) return response.value as R
  throw errorFromUnknown(response.error)
}

/** An AppError from whatever an error body holds, keeping every field that parses. */
export function errorFromUnknown(error: unknown, fallbackStatus?: number): AppError {
  const parsed = AppErrorData.safeParse(error)
  if (parsed.success) return AppError.fromData(parsed.data)
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : 'The app core reported an error without details.'
  return new AppError({
    code: 'internal',
    message,
    hint: 'This is a bug in Switchboard. The audit log has the details of the last calls.',
    status: fallbackStatus,
  })
}
