import { join } from 'node:path'

/**
 * The web shell's staging folder (<data>/staging): a browser has no paths, so dropped files are copied
 * there before a workflow reads them. Uploads owns its slots; Prompts reads its copies from there too.
 */
export const STAGING_FOLDER = 'staging'

export function stagingDirOf(dataDir: string): string {
  return join(dataDir, STAGING_FOLDER)
}
