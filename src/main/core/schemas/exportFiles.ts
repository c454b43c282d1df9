import { mkdir, stat, writeFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'

/** The folder the admin named (absolute, existing) or the default under the data folder (created). */
export async function exportDirectory(requested: string | undefined, dataDir: string): Promise<string> {
  if (requested === undefined || requested.trim() === '') {
    const dir = join(dataDir, 'exports', 'schemas')
    await mkdir(dir, { recursive: true })
    return dir
  }
  const dir = requested.trim()
  if (!isAbsolute(dir)) {
    throw new AppError({ code: 'invalid_input', message: `"${dir}" is not a full folder path.`, hint: 'Give the full path of an existing folder, or leave it empty to use the default export folder.' })
  }
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new AppError({ code: 'file', message: `The folder ${dir} does not exist.`, hint: 'Create the folder first, or leave the field empty to use the default export folder.' })
  }
  return resolve(dir)
}

/** Writes a new file; never replaces one that is already there. */
export async function writeNewFile(path: string, content: string): Promise<void> {
  try {
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError({
      code: 'file',
      message: code === 'EEXIST' ? `${path} already exists.` : `Could not write ${path} (${code ?? 'error'}).`,
      hint: code === 'EEXIST' ? 'Export again in a moment (the file name carries the time), or choose another folder.' : 'Check that the folder is writable and the disk is not full.',
    })
  }
}

/** A file-name part from a schema name: letters, digits and dashes only. */
export function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'schema'
}
