import type { VerifyReport } from '../../../../shared/contract/flows/verify'
import { appendAuditEntry, auditFailure, type AuditScope } from '../../audit'
import type { WorkflowServices } from '../../workflow'

const ACTION = 'flows.archive.verify'

/** One entry per verify: the folder, what was checked, how many problems of each kind; `error` when any. */
export function auditVerified(services: WorkflowServices, scope: AuditScope, report: VerifyReport): void {
  const counts = report.problemCounts ?? { changed: 0, missing: 0, extra: 0, 'manifest-invalid': 0 }
  appendAuditEntry(services.audit, scope, ACTION, report.folder, report.ok ? 'ok' : 'error', {
    result: report.ok ? 'clean' : 'problems',
    manifests: report.manifests,
    flows: report.flows,
    versions: report.versions,
    files: report.files,
    problems: counts.changed + counts.missing + counts.extra + counts['manifest-invalid'],
    changed: counts.changed,
    missing: counts.missing,
    extra: counts.extra,
    manifestInvalid: counts['manifest-invalid'],
  })
}

/** A verify that could not run (no such folder, not an archive, unreadable): audited, returned to throw. */
export function auditVerifyFailed(services: WorkflowServices, scope: AuditScope, folder: string, error: unknown) {
  return auditFailure(services.audit, scope, ACTION, folder.slice(0, 4096), { result: 'failed' }, error)
}
