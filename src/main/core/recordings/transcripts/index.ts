import { recordingTranscriptMethods } from '../../../../shared/contract/recordings'
import { prepareRecordingsFolder } from '../recordingsFolder'
import type { WorkflowServices } from '../../workflow'
import type { RecordingPart } from '../recordingPart'
import { readAudited, saveConversationTranscript } from './saveTranscript'
import type { TranscriptAccess } from './transcriptAccess'
import { transcriptAuditor } from './transcriptAudit'

/** Speech and Text Analytics transcripts: shown, and saved as JSON plus readable text. */
export function createTranscriptPart(services: WorkflowServices): RecordingPart<typeof recordingTranscriptMethods> {
  const shutdown = new AbortController()

  const accessForActiveProfile = async (): Promise<TranscriptAccess> => {
    const profileId = services.profiles.activeId()
    const { client, links } = services.connections.clientFor(profileId)
    return { client, links, signal: shutdown.signal, audit: await transcriptAuditor(services, profileId) }
  }

  return {
    handlers: {
      'recordings.transcript': async ({ conversationId }) => {
        const access = await accessForActiveProfile()
        try {
          const reading = await readAudited(access, conversationId)
          if (reading.state === 'none') return { state: 'none', conversationId, reason: reading.reason, hint: reading.hint }
          return {
            state: 'available',
            conversationId,
            ...(reading.conversationStartTime ? { conversationStartTime: reading.conversationStartTime } : {}),
            communications: reading.fetched.map((f) => f.transcript),
          }
        } finally {
          await services.audit.flush()
        }
      },
      'recordings.transcript.save': async ({ conversationId, folder }) => {
        // The same folder rules as downloads (checked by the form with recordings.downloads.checkFolder).
        const target = await prepareRecordingsFolder(folder, services.dataDir)
        const access = await accessForActiveProfile()
        try {
          return await saveConversationTranscript(access, conversationId, target)
        } finally {
          await services.audit.flush()
        }
      },
    },
    close: async () => {
      shutdown.abort()
    },
  }
}
