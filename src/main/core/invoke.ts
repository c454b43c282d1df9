import { isMethodName, methods, type Handlers, type InvokeResponse } from '../../shared/api'
import { AppError, toAppError } from '../../shared/errors'

/**
 * The one path from any transport into the core: reject unknown methods, validate the input with the
 * method's zod schema, run the handler, and answer an envelope that never carries a stack trace.
 */
export async function invokeMethod(handlers: Handlers, method: unknown, rawInput: unknown): Promise<InvokeResponse<unknown>> {
  try {
    if (!isMethodName(method)) {
      throw new AppError({
        code: 'invalid_input',
        message: `Unknown method: ${String(method).slice(0, 100)}`,
        hint: 'The app and its core are out of step; restart Switchboard.',
      })
    }
    const input = methods[method].input.parse(rawInput ?? {})
    const handler = handlers[method] as (input: unknown) => Promise<unknown>
    return { ok: true, value: await handler(input) }
  } catch (error) {
    return { ok: false, error: toAppError(error).toData() }
  }
}
