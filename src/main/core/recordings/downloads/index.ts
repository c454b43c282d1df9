import { recordingDownloadMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import { notBuilt, type RecordingPart } from '../recordingPart'

/** Durable downloads through batch requests, with a manifest and the admin's choice for existing files. */
export function createDownloadPart(_services: WorkflowServices): RecordingPart<typeof recordingDownloadMethods> {
  return {
    handlers: {
      'recordings.downloads.start': async () => notBuilt('Downloads'),
      'recordings.downloads.list': async () => [],
      'recordings.downloads.decide': async () => notBuilt('Downloads'),
      'recordings.downloads.pause': async () => notBuilt('Downloads'),
      'recordings.downloads.resume': async () => notBuilt('Downloads'),
      'recordings.downloads.cancel': async () => notBuilt('Downloads'),
      'recordings.downloads.retry': async () => notBuilt('Downloads'),
      'recordings.downloads.clear': async () => ({ removed: 0 }),
    },
  }
}
