import { z } from 'zod'

/** Error codes of our own; Genesys codes (e.g. "bad.request") travel in `genesysCode`. */
export const AppErrorCode = z.enum([
  'invalid_input',
  'not_found',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'conflict',
  'server_error',
  'network',
  'timeout',
  'cancelled',
  'file',
  'settings',
  /** A stored client secret would go to another host or client id than it was entered for. */
  'secret_not_bound',
  /** A value the OS keychain sealed (a stored client secret, the audit key) cannot be opened in this process. */
  'keychain_unavailable',
  'internal',
  /** An answer or download went past its size cap (counted after decompression). */
  'response_too_large',
  /** A stored job's params or checkpoint no longer match its kind's schema: it is not run. */
  'job_damaged',
])
export type AppErrorCode = z.infer<typeof AppErrorCode>

/** The plain-data shape of an error as it crosses IPC, HTTP or WebSocket. */
export const AppErrorData = z.object({
  name: z.literal('AppError'),
  code: AppErrorCode,
  message: z.string(),
  hint: z.string(),
  status: z.number().int().optional(),
  genesysCode: z.string().optional(),
  contextId: z.string().optional(),
  correlationId: z.string().optional(),
  details: z.array(z.record(z.string(), z.unknown())).optional(),
})
export type AppErrorData = z.infer<typeof AppErrorData>

export class AppError extends Error {
  readonly code: AppErrorCode
  readonly hint: string
  readonly status?: number
  readonly genesysCode?: string
  readonly contextId?: string
  readonly correlationId?: string
  readonly details?: Record<string, unknown>[]

  constructor(data: Omit<AppErrorData, 'name'>) {
    super(data.message)
    this.name = 'AppError'
    this.code = data.code
    this.hint = data.hint
    this.status = data.status
    this.genesysCode = data.genesysCode
    this.contextId = data.contextId
    this.correlationId = data.correlationId
    this.details = data.details
  }

  toData(): AppErrorData {
    const data: AppErrorData = { name: 'AppError', code: this.code, message: this.message, hint: this.hint }
    if (this.status !== undefined) data.status = this.status
    if (this.genesysCode !== undefined) data.genesysCode = this.genesysCode
    if (this.contextId !== undefined) data.contextId = this.contextId
    if (this.correlationId !== undefined) data.correlationId = this.correlationId
    if (this.details !== undefined) data.details = this.details
    return data
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data)
  }
}

/** Anything thrown becomes an AppError; unknown errors keep their message but never their stack. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const parsed = AppErrorData.safeParse(error)
  if (parsed.success) return AppError.fromData(parsed.data)
  if (error instanceof z.ZodError) {
    return new AppError({
      code: 'invalid_input',
      message: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
      hint: 'Correct the highlighted values and try again.',
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new AppError({ code: 'internal', message, hint: 'This is a bug in Switchboard. The audit log has the details of the last calls.' })
}
