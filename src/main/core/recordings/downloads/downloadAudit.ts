import type { AuditOutcome } from '../../../../shared/api'
import type { AuditLog, AuditScope } from '../../audit'

type Detail = Record<string, string | number | boolean | null>

/** One downloads audit entry. Links are credentials: a detail names a URL's host and path, never its query. */
export function auditDownload(
  audit: AuditLog,
  scope: AuditScope,
  action: string,
  target: string,
  outcome: AuditOutcome,
  detail?: Detail,
  correlationId?: string,
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

export function recordingTarget(item: { conversationId: string; recordingId: string }): string {
  return `conversations/${item.conversationId}/recordings/${item.recordingId}`
}

/** host and path of a link: what the audit log may keep of it. */
export function linkWithoutQuery(url: string): { host: string; path: string } {
  try {
    const parsed = new URL(url)
    return { host: parsed.host, path: parsed.pathname }
  } catch {
    return { host: '', path: '' }
  }
}
