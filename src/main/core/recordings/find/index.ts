import { recordingFindMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import { notBuilt, type RecordingPart } from '../recordingPart'

/** Finding calls: search (analytics details query or job), pasted ids, recordingmetadata per conversation. */
export function createFindPart(_services: WorkflowServices): RecordingPart<typeof recordingFindMethods> {
  return {
    handlers: {
      'recordings.ids.parse': async () => notBuilt('Reading conversation ids'),
      'recordings.queues': async () => notBuilt('The queue list'),
      'recordings.find': async () => notBuilt('Finding recordings'),
      'recordings.find.get': async () => notBuilt('Finding recordings'),
      'recordings.find.cancel': async () => notBuilt('Finding recordings'),
    },
  }
}
