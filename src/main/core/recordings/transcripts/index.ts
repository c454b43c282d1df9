import { recordingTranscriptMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import { notBuilt, type RecordingPart } from '../recordingPart'

/** Speech and Text Analytics transcripts: shown, and saved as JSON plus readable text. */
export function createTranscriptPart(_services: WorkflowServices): RecordingPart<typeof recordingTranscriptMethods> {
  return {
    handlers: {
      'recordings.transcript': async () => notBuilt('Transcripts'),
      'recordings.transcript.save': async () => notBuilt('Transcripts'),
    },
  }
}
