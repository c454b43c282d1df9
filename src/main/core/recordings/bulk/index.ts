import { recordingBulkMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import { notBuilt, type RecordingPart } from '../recordingPart'

/** Recording bulk jobs run by Genesys: EXPORT, ARCHIVE, DELETE; created, executed, followed, cancelled. */
export function createBulkPart(_services: WorkflowServices): RecordingPart<typeof recordingBulkMethods> {
  return {
    handlers: {
      'recordings.bulk.list': async () => [],
      'recordings.bulk.integrations': async () => [],
      'recordings.bulk.create': async () => notBuilt('Bulk jobs'),
      'recordings.bulk.execute': async () => notBuilt('Bulk jobs'),
      'recordings.bulk.cancel': async () => notBuilt('Bulk jobs'),
      'recordings.bulk.failed': async () => notBuilt('Bulk jobs'),
    },
  }
}
