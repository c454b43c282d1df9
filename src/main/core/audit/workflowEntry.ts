import type { AuditOutcome } from '../../../shared/contract/audit'
import { toAppError, type AppError } from '../../../shared/errors'
import type { AuditLog } from './auditLog'
import type { AuditScope } from './auditScope'

/** What a workflow entry may say besides its target: kinds, counts, states, codes; never payloads. */
export type AuditDetail = Record<string, string | number | boolean | null>

/** An entry's action, target, outcome, and what it may add: the part every workflow fills in. */
export type AuditEntryArgs = [action: string, target: string, outcome: AuditOutcome, detail?: AuditDetail, correlationId?: string]

/** Who a stored record (a tracked request, a bulk job of this app) was made for, as it names them. */
export interface NamedOrigin {
  profileName: string
  orgName: string
}

/** One workflow audit entry for a profile and its org; detail and correlation id only when there are some. */
export function appendAuditEntry(
  audit: AuditLog,
  scope: AuditScope,
  ...[action, target, outcome, detail, correlationId]: AuditEntryArgs
): void {
  audit.append({
    profile: scope.profile,
    org: scope.org,
    action,
    target,
    outcome,
    ...(detail ? { detail } : {}),
    ...(correlationId ? { correlationId } : {}),
  })
}

export function scopeOfOrigin(origin: NamedOrigin): AuditScope {
  return { profile: origin.profileName, org: origin.orgName }
}

/**
 * Audits a failed step (the error's code and status beside `detail`, its correlation id) and returns
 * it as an AppError for the caller to throw or report.
 */
export function auditFailure(
  audit: AuditLog,
  scope: AuditScope,
  action: string,
  target: string,
  detail: AuditDetail,
  error: unknown,
): AppError {
  const failure = toAppError(error)
  appendAuditEntry(
    audit,
    scope,
    action,
    target,
    'error',
    { ...detail, code: failure.code, status: failure.status ?? null },
    failure.correlationId,
  )
  return failure
}
