import type { AuditOutcome } from '../../../shared/api'
import type { AuditLog } from '../audit'

/** Who an entry is about: the profile and org, never the data subject. */
export interface AuditScope {
  profileName: string
  orgName: string
}

type Detail = Record<string, string | number | boolean | null>

/**
 * One privacy audit entry. Targets name the request (its id) or the search endpoint; details carry
 * kinds of identifier, statuses, counts, sizes and hashes: never names, emails, phones or addresses.
 */
export function auditPrivacy(
  audit: AuditLog,
  scope: AuditScope,
  action: string,
  target: string,
  outcome: AuditOutcome,
  detail?: Detail,
  correlationId?: string,
): void {
  audit.append({
    profile: scope.profileName,
    org: scope.orgName,
    action,
    target,
    outcome,
    ...(detail ? { detail } : {}),
    ...(correlationId ? { correlationId } : {}),
  })
}

export function requestTarget(id: string): string {
  return `gdpr/requests/${id}`
}
