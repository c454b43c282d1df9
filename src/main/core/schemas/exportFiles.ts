import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { resolveAdminFolder } from '../files/adminPaths'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/privateFiles'

/** The folder the admin named (absolute, existing, writable) or the default under the data folder (created). */
export async function exportDirectory(requested: string | undefined, dataDir: string): Promise<string> {
  const defaultFolder = join(dataDir, 'exports', 'schemas')
  if (!requested?.trim()) await ensurePrivateDir(defaultFolder)
  return resolveAdminFolder(requested, { defaultFolder, fieldName: 'directory', dataDir })
}

/** Writes a new file; never replaces one that is already there. */
export async function writeNewFile(path: string, content: string): Promise<void> {
  try {
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx', mode: PRIVATE_FILE_MODE })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError({
      code: 'file',
      message: code === 'EEXIST' ? `${path} already exists.` : `Could not write ${path} (${code ?? 'error'}).`,
      hint:
        code === 'EEXIST'
          ? 'Export again in a moment (the file name carries the time), or choose another folder.'
          : 'Check that the folder is writable and the disk is not full.',
    })
  }
}

/** A file-name part from a schema name: letters, digits and dashes only. */
export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'schema'
  )
}
