import type { AuditOutcome } from '../../../../shared/api'
import { appendAuditEntry, type AuditDetail } from '../../audit'
import type { WorkflowServices } from '../../workflow'

/**
 * One audit entry about a conversation's transcript: which conversation and communications, what came
 * of it, the correlation id. Never the transcript's text and never its link (a bearer credential).
 */
export interface TranscriptAuditEntry {
  action: 'recordings.transcript' | 'recordings.transcript.save'
  conversationId: string
  outcome: AuditOutcome
  detail: AuditDetail
  correlationId?: string
}

export type TranscriptAuditor = (entry: TranscriptAuditEntry) => void

/** Entries for the profile's audit scope (profile and org names), read once. */
export async function transcriptAuditor(services: WorkflowServices, profileId: string): Promise<TranscriptAuditor> {
  const scope = await services.scope(profileId)
  return (entry) =>
    appendAuditEntry(
      services.audit,
      scope,
      entry.action,
      `conversations/${entry.conversationId}`,
      entry.outcome,
      entry.detail,
      entry.correlationId,
    )
}
