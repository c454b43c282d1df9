import type { AuditOutcome } from '../../../../shared/contract/audit'
import type { AuditLog } from '../../audit'

export interface BulkAuditScope {
  profileName: string
  orgName: string
}

type Detail = Record<string, string | number | boolean | null>

/** One bulk job audit entry: the job, its action, counts and states; never the query's values beyond its shape. */
export function auditBulk(
  audit: AuditLog,
  scope: BulkAuditScope,
  action: string,
  jobId: string | undefined,
  outcome: AuditOutcome,
  detail: Detail,
  correlationId?: string,
): void {
  audit.append({
    profile: scope.profileName,
    org: scope.orgName,
    action,
    target: jobId ? `recording/jobs/${jobId}` : 'recording/jobs',
    outcome,
    detail,
    ...(correlationId ? { correlationId } : {}),
  })
}
