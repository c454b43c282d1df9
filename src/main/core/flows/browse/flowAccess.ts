/**
 * What a refusal means for flows. A 403 on the list itself: the OAuth client lacks architect:flow:view
 * altogether, said plainly with the correlation id. A 403 on one flow's versions: the client may not read
 * flows of that flow's division; the flow is still listed, with the reason.
 */
import type { FlowProblem } from '../../../../shared/contract/flows'
import { AppError, toAppError } from '../../../../shared/errors'

export const FLOW_VIEW_PERMISSION = 'architect:flow:view'
const PERMISSION_PATTERN = /\b[a-zA-Z][\w-]*:[\w-]+:[\w*-]+\b/

/** A 403 as the missing permission (the one the platform named, else architect:flow:view); other errors as they are. */
export function flowPermissionError(error: unknown, what: string): AppError {
  const failure = toAppError(error)
  if (failure.code !== 'forbidden') return failure
  const named = PERMISSION_PATTERN.exec(failure.message)?.[0] ?? FLOW_VIEW_PERMISSION
  return new AppError({
    ...failure.toData(),
    message: `Genesys Cloud refused to ${what}: the OAuth client lacks the permission ${named}.`,
    hint: `Add a role with ${named} (Architect > Flow > View) to this OAuth client in Genesys Cloud (Admin > Roles / Permissions, then Admin > OAuth > the client > Roles), then try again.${failure.correlationId ? ` Correlation id ${failure.correlationId}.` : ''}`,
  })
}

/** One flow the client may not read (its versions answered 403), named with its division. */
export function deniedProblem(error: unknown, division?: { id: string; name?: string }): FlowProblem {
  const failure = toAppError(error)
  const reason = division
    ? `This OAuth client may not read flows in the division ${division.name ?? division.id}: its role lacks ${FLOW_VIEW_PERMISSION} there.`
    : `This OAuth client may not read this flow's versions (${failure.message}).`
  return {
    kind: 'denied',
    reason,
    hint: `Give the client's role ${FLOW_VIEW_PERMISSION} in ${division ? 'that division' : "the flow's division"}, then list the flows again.`,
    ...(failure.correlationId ? { correlationId: failure.correlationId } : {}),
  }
}

export function isRefusal(error: unknown): boolean {
  return toAppError(error).code === 'forbidden'
}
