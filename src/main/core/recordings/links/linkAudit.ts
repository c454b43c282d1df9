import type { RecordingFormat, RecordingRef } from '../../../../shared/contract/recordings'
import type { AuditOutcome as Outcome } from '../../../../shared/api'
import { appendAuditEntry, type AuditDetail, type AuditLog, type AuditScope } from '../../audit'

export interface LinkAuditFacts {
  ref: RecordingRef
  format: RecordingFormat
  outcome: Outcome
  /** ready, transcoding, unavailable, or the error code. */
  result: string
  /** The link's host and path: never its query, which is the credential. */
  link?: URL
  correlationId?: string
  extra?: AuditDetail
}

/** One `recordings.link` entry: conversation, recording, format, outcome, and where the link points. */
export function auditLink(audit: AuditLog, scope: AuditScope, facts: LinkAuditFacts): void {
  appendAuditEntry(
    audit,
    scope,
    'recordings.link',
    `conversations/${facts.ref.conversationId}/recordings/${facts.ref.recordingId}`,
    facts.outcome,
    {
      conversationId: facts.ref.conversationId,
      recordingId: facts.ref.recordingId,
      format: facts.format,
      result: facts.result,
      ...(facts.link ? { host: facts.link.host, path: facts.link.pathname } : {}),
      ...facts.extra,
    },
    facts.correlationId,
  )
}
