import { recordingLinkMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import { notBuilt, type RecordingPart } from '../recordingPart'

/** Download links with their expiry, the admin's policy, and the media.url.generated event. */
export function createLinkPart(_services: WorkflowServices): RecordingPart<typeof recordingLinkMethods> {
  return {
    handlers: {
      'recordings.policy.get': async () => notBuilt('The recordings policy'),
      'recordings.policy.set': async () => notBuilt('The recordings policy'),
      'recordings.link': async () => notBuilt('Download links'),
    },
  }
}
