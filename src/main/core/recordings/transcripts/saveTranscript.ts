import type { ConversationTranscript, SavedTranscript } from '../../../../shared/contract/recordings'
import type { GenesysClient } from '../../genesys'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import { notBuilt } from '../recordingPart'

export interface TranscriptAccess {
  client: GenesysClient
  /** Where transcript URLs may point (the profile's link rule). */
  links: OutboundUrlRule
  signal?: AbortSignal
}

/**
 * Saves a conversation's transcripts into `folder` (the JSON as received and a readable text per
 * communication), or says plainly that none exists. The downloads part calls this for "with transcripts".
 */
export async function saveConversationTranscript(
  _access: TranscriptAccess,
  _conversationId: string,
  _folder: string,
): Promise<SavedTranscript | Extract<ConversationTranscript, { state: 'none' }>> {
  return notBuilt('Saving transcripts')
}
