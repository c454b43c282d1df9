import { join } from 'node:path'
import { checkOutputFolder, prepareOutputFolder, type OutputFolderCheck, type OutputFolderRules } from '../files/outputFolder'

/**
 * Recordings and transcripts go to the folder the admin names, created if missing; empty means the
 * default inside the data folder's downloads folder.
 */
export function recordingsFolderRules(dataDir: string): OutputFolderRules {
  return { defaultFolder: join(dataDir, 'downloads', 'recordings'), dataDir, fieldName: 'folder', createMissing: true }
}

/** Checked before a download or a transcript save starts, without making anything. */
export async function checkRecordingsFolder(typed: string, dataDir: string): Promise<OutputFolderCheck & { defaultFolder: string }> {
  const rules = recordingsFolderRules(dataDir)
  return { ...(await checkOutputFolder(typed, rules)), defaultFolder: rules.defaultFolder }
}

/** The folder made if missing, checked writable and outside the data folder: its real path. */
export async function prepareRecordingsFolder(typed: string, dataDir: string): Promise<string> {
  return prepareOutputFolder(typed, recordingsFolderRules(dataDir))
}
