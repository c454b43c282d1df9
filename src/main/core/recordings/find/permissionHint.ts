import { AppError, toAppError } from '../../../../shared/errors'

/**
 * A 403 says plainly which permission the admin must add to the OAuth client's role: the one the
 * platform named, else the one this call is documented to need.
 */
export function withPermissionHint(error: unknown, permission: string, what: string): AppError {
  const failure = toAppError(error)
  if (failure.code !== 'forbidden') return failure
  const named = /\b[a-zA-Z][\w-]*:[\w-]+:[\w*-]+\b/.exec(failure.message)?.[0] ?? permission
  return new AppError({
    ...failure.toData(),
    message: `Genesys Cloud refused to ${what}: the OAuth client lacks the permission ${named}.`,
    hint: `Add a role with ${named} to this OAuth client in Genesys Cloud (Admin > Roles / Permissions, then Admin > OAuth > the client > Roles), then find again.`,
  })
}
