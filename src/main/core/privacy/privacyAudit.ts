import { appendAuditEntry, scopeOfOrigin, type AuditEntryArgs, type AuditLog, type NamedOrigin } from '../audit'

/**
 * One privacy audit entry, about the profile and org that made the request (never the data subject).
 * Targets name the request (its id) or the search endpoint; details carry kinds of identifier, statuses,
 * counts, sizes and hashes: never names, emails, phones or addresses.
 */
export function auditPrivacy(audit: AuditLog, origin: NamedOrigin, ...entry: AuditEntryArgs): void {
  appendAuditEntry(audit, scopeOfOrigin(origin), ...entry)
}

export function requestTarget(id: string): string {
  return `gdpr/requests/${id}`
}
