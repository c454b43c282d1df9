import { FlowArchiveSettings, RETENTION_POLICY_DEFAULTS, type RetentionPolicy } from '../../../../shared/contract/flows'
import type { SettingsSlice } from '../../kit'
import type { WorkflowServices } from '../../workflow'
import { checkArchiveFolder } from './archiveFolder'

export const FLOW_ARCHIVE_SETTINGS_KEY = 'flows.archive'

export function archiveSettingsSlice(services: WorkflowServices): SettingsSlice<FlowArchiveSettings> {
  return services.settingsSlice(FLOW_ARCHIVE_SETTINGS_KEY, FlowArchiveSettings, { policy: RETENTION_POLICY_DEFAULTS, folder: '' })
}

/** The policy is merged field by field; a folder is checked (not made) before it is kept, so its problem shows on the form. */
export async function updateArchiveSettings(
  slice: SettingsSlice<FlowArchiveSettings>,
  patch: { policy?: Partial<RetentionPolicy>; folder?: string },
  dataDir: string,
): Promise<FlowArchiveSettings> {
  const current = slice.get()
  const folder = patch.folder === undefined ? current.folder : patch.folder.trim()
  if (patch.folder !== undefined && folder !== '') await checkArchiveFolder(folder, dataDir)
  return slice.set({ policy: { ...current.policy, ...(patch.policy ?? {}) }, folder })
}
