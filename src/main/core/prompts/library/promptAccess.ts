/**
 * What a refusal means for reading prompts: a 403 is the OAuth client lacking architect:userPrompt:view
 * (or the permission the platform named), said plainly with the correlation id; other errors as they are.
 */
import { AppError, toAppError } from '../../../../shared/errors'

export const PROMPT_VIEW_PERMISSION = 'architect:userPrompt:view'
const PERMISSION_PATTERN = /\b[a-zA-Z][\w-]*:[\w-]+:[\w*-]+\b/

export function promptPermissionError(error: unknown, what: string): AppError {
  const failure = toAppError(error)
  if (failure.code !== 'forbidden') return failure
  const named = PERMISSION_PATTERN.exec(failure.message)?.[0] ?? PROMPT_VIEW_PERMISSION
  return new AppError({
    ...failure.toData(),
    message: `Genesys Cloud refused to ${what}: the OAuth client lacks the permission ${named}.`,
    hint: `Add a role with ${named} (Architect > User Prompt > View) to this OAuth client in Genesys Cloud (Admin > Roles / Permissions, then Admin > OAuth > the client > Roles), then try again.${failure.correlationId ? ` Correlation id ${failure.correlationId}.` : ''}`,
  })
}
