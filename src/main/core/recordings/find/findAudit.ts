import type { AuditOutcome } from '../../../../shared/api'
import type { AuditLog } from '../../audit'
import type { AuditScope } from '../../kit'

type Detail = Record<string, string | number | boolean | null>

/**
 * A find's audit entries: what was searched by kind and count, never the ids or filter values; a
 * conversation id names the target of a failed listing (an id, not personal data).
 */
export function auditFind(
  audit: AuditLog,
  scope: AuditScope,
  action: 'recordings.search' | 'recordings.metadata',
  target: string,
  outcome: AuditOutcome,
  detail: Detail,
  correlationId?: string,
): void {
  audit.append({ profile: scope.profile, org: scope.org, action, target, outcome, detail, ...(correlationId ? { correlationId } : {}) })
}
