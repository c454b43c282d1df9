import { recordingLinkMethods } from '../../../../shared/contract/recordings'
import type { WorkflowServices } from '../../workflow'
import type { RecordingPart } from '../recordingPart'
import { createRecordingLink } from './createLink'
import { recordingPolicySlice } from './linkPolicy'

export { requestRecordingMedia, type RecordingMediaAnswer, type GenesysRecording } from './recordingsApi'
export { linkExpiry, type LinkExpiry } from './linkExpiry'

/** Download links with their expiry, the admin's policy, and the media.url.generated event. */
export function createLinkPart(services: WorkflowServices): RecordingPart<typeof recordingLinkMethods> {
  const policy = recordingPolicySlice(services)
  return {
    handlers: {
      'recordings.policy.get': async () => policy.get(),
      'recordings.policy.set': async (patch) => {
        const before = policy.get()
        const saved = policy.set(patch)
        services.audit.append({
          ...services.systemScope,
          action: 'recordings.policy.change',
          target: 'recordings.policy',
          outcome: 'ok',
          detail: {
            allowedFormats: saved.allowedFormats.join(','),
            maxLinkLifetimeMinutes: saved.maxLinkLifetimeMinutes,
            defaultFormat: saved.defaultFormat,
            previousAllowedFormats: before.allowedFormats.join(','),
            previousMaxLinkLifetimeMinutes: before.maxLinkLifetimeMinutes,
            previousDefaultFormat: before.defaultFormat,
          },
        })
        await services.audit.flush()
        return saved
      },
      'recordings.link': async (input) => createRecordingLink(services, policy.get(), input),
    },
  }
}
