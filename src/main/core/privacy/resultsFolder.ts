import { join } from 'node:path'
import { prepareOutputFolder, type OutputFolderRules } from '../files/outputFolder'

/** Where results go when the admin names no folder: inside the app's data folder. */
export function defaultResultsFolder(dataDir: string): string {
  return join(dataDir, 'downloads', 'privacy')
}

/** A folder the admin names must exist already; empty means the default, made (private) if missing. */
function resultsFolderRules(dataDir: string): OutputFolderRules {
  return { defaultFolder: defaultResultsFolder(dataDir), dataDir, fieldName: 'folder', createMissing: false }
}

/** The folder results will be saved in, as an absolute path; empty means the default, made if missing. */
export async function checkResultsFolder(input: string, dataDir: string): Promise<string> {
  return prepareOutputFolder(input, resultsFolderRules(dataDir))
}
