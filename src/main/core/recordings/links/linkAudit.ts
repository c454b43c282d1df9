import type { RecordingFormat, RecordingRef } from '../../../../shared/contract/recordings'
import type { AuditOutcome as Outcome } from '../../../../shared/api'
import type { AuditLog, AuditScope } from '../../audit'

type Detail = Record<string, string | number | boolean | null>

export interface LinkAuditFacts {
  ref: RecordingRef
  format: RecordingFormat
  outcome: Outcome
  /** ready, transcoding, unavailable, or the error code. */
  result: string
  /** The link's host and path: never its query, which is the credential. */
  link?: URL
  correlationId?: string
  extra?: Detail
}

/** One `recordings.link` entry: conversation, recording, format, outcome, and where the link points. */
export function auditLink(audit: AuditLog, scope: AuditScope, facts: LinkAuditFacts): void {
  audit.append({
    ...scope,
    action: 'recordings.link',
    target: `conversations/${facts.ref.conversationId}/recordings/${facts.ref.recordingId}`,
    outcome: facts.outcome,
    detail: {
      conversationId: facts.ref.conversationId,
      recordingId: facts.ref.recordingId,
      format: facts.format,
      result: facts.result,
      ...(facts.link ? { host: facts.link.host, path: facts.link.pathname } : {}),
      ...facts.extra,
    },
    ...(facts.correlationId ? { correlationId: facts.correlationId } : {}),
  })
}
