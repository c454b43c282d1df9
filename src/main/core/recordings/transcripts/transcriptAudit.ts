import type { AuditOutcome } from '../../../../shared/api'
import type { WorkflowServices } from '../../workflow'

type Detail = Record<string, string | number | boolean | null>

/**
 * One audit entry about a conversation's transcript: which conversation and communications, what came
 * of it, the correlation id. Never the transcript's text and never its link (a bearer credential).
 */
export interface TranscriptAuditEntry {
  action: 'recordings.transcript' | 'recordings.transcript.save'
  conversationId: string
  outcome: AuditOutcome
  detail: Detail
  correlationId?: string
}

export type TranscriptAuditor = (entry: TranscriptAuditEntry) => void

/** Entries for the profile's audit scope (profile and org names), read once. */
export async function transcriptAuditor(services: WorkflowServices, profileId: string): Promise<TranscriptAuditor> {
  const scope = await services.scope(profileId)
  return (entry) =>
    services.audit.append({
      profile: scope.profile,
      org: scope.org,
      action: entry.action,
      target: `conversations/${entry.conversationId}`,
      outcome: entry.outcome,
      detail: entry.detail,
      ...(entry.correlationId ? { correlationId: entry.correlationId } : {}),
    })
}
