import { join } from 'node:path'
import { resolveAdminFolder } from '../files/adminPaths'
import { ensurePrivateDir } from '../files/privateFiles'

/** Where results go when the admin names no folder: inside the app's data folder. */
export function defaultResultsFolder(dataDir: string): string {
  return join(dataDir, 'downloads', 'privacy')
}

/** The folder results will be saved in, as an absolute path; empty means the default, made if missing. */
export async function checkResultsFolder(input: string, dataDir: string): Promise<string> {
  // Made here, private, before the shared check would make it with the default mode.
  if (!input.trim()) await ensurePrivateDir(defaultResultsFolder(dataDir))
  return resolveAdminFolder(input, { defaultFolder: defaultResultsFolder(dataDir), fieldName: 'folder', dataDir })
}
