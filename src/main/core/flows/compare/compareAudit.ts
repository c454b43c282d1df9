import type { CompareInput, CompareResult } from '../../../../shared/contract/flows/compare'
import { appendAuditEntry, auditFailure, type AuditDetail, type AuditScope } from '../../audit'
import type { AuditLog } from '../../audit'

const ACTION = 'flows.compare'
type Side = CompareInput['left']

/** What each side was, by ids and hashes only (never a configuration's content). */
function sidesDetail(left: Side, right: Side): AuditDetail {
  const detail: AuditDetail = {}
  for (const [name, side] of [
    ['left', left],
    ['right', right],
  ] as const) {
    detail[`${name}Kind`] = side.kind
    if (side.kind === 'version') {
      detail[`${name}FlowId`] = side.flowId
      detail[`${name}VersionId`] = side.versionId
    } else {
      detail[`${name}FileSha256`] = side.sha256
    }
  }
  return detail
}

function targetOf(left: Side, right: Side): string {
  const version = [left, right].find((s) => s.kind === 'version')
  return version?.kind === 'version' ? `flows/${version.flowId}` : 'flow-archive'
}

export function auditCompared(audit: AuditLog, scope: AuditScope, left: Side, right: Side, result: CompareResult): void {
  appendAuditEntry(audit, scope, ACTION, targetOf(left, right), 'ok', {
    ...sidesDetail(left, right),
    identical: result.identical,
    ...result.counts,
    leftSha256: result.leftSha256,
    rightSha256: result.rightSha256,
  })
}

export function auditCompareFailed(audit: AuditLog, scope: AuditScope, left: Side, right: Side, error: unknown) {
  return auditFailure(audit, scope, ACTION, targetOf(left, right), sidesDetail(left, right), error)
}
