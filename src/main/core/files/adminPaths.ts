/**
 * Paths the admin types (where to save results, exports, reviews). There is no save dialog in the web
 * shell, so the core is the one place that checks them: a full path (~ expanded), an existing folder,
 * one that really takes a file (permissions can say yes where the disk says no), and one that does not
 * lead into Switchboard's data folder by any path: symlinks are resolved (in every component, the
 * file itself included) and the real path is what is checked, and what is written to.
 */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AppError } from '../../../shared/errors'

/** `~` and `~/…` become the home folder; the result is absolute or an invalid_input error. */
export function absoluteAdminPath(typed: string, fieldName: string, what: 'folder' | 'file'): string {
  const trimmed = typed.trim()
  const expanded = trimmed === '~' || trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(1)) : trimmed
  if (!isAbsolute(expanded)) {
    throw new AppError({
      code: 'invalid_input',
      message: `“${trimmed}” is not a full ${what} path.`,
      hint: `Enter the whole path, starting with / (or a drive letter such as C:\\ on Windows)${what === 'file' ? ', including the file name' : ''}.`,
      details: [{ fieldName, errorCode: 'invalid.value' }],
    })
  }
  return resolve(expanded)
}

/** The folder exists, is a folder, and accepts a new file. */
export async function assertWritableFolder(folder: string, fieldName: string): Promise<void> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw fileError(
        `The folder ${folder} does not exist.`,
        'Create it first, or choose a folder that exists. Switchboard does not create folders you name.',
        fieldName,
      )
    throw fileError(`The folder ${folder} cannot be read (${error.code ?? 'unknown error'}).`, 'Choose a folder you can open.', fieldName)
  })
  if (!info.isDirectory()) throw fileError(`${folder} is a file, not a folder.`, 'Choose a folder.', fieldName)
  const probe = join(folder, `.switchboard-write-test-${randomBytes(4).toString('hex')}`)
  try {
    await writeFile(probe, '', { flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw fileError(
      `Switchboard cannot write to ${folder} (${code}).`,
      'Choose a folder you may write to, or ask for write access to this one.',
      fieldName,
    )
  } finally {
    await rm(probe, { force: true })
  }
}

/**
 * The folder the admin typed, checked, as its real path; empty means the default folder, made if
 * missing. Either way it must not lead into the data folder (other than its export folders).
 */
export async function resolveAdminFolder(
  typed: string | undefined,
  opts: { defaultFolder: string; fieldName: string; dataDir: string },
): Promise<string> {
  if (typed === undefined || typed.trim() === '') {
    await mkdir(opts.defaultFolder, { recursive: true })
    return assertOutsideDataFolder(opts.defaultFolder, opts)
  }
  const folder = await assertOutsideDataFolder(absoluteAdminPath(typed, opts.fieldName, 'folder'), opts)
  await assertWritableFolder(folder, opts.fieldName)
  return folder
}

/** Folders of the data folder that hold what the admin saves (exports, downloads); the rest is the app's own state. */
export const DATA_OUTPUT_FOLDERS = ['exports', 'downloads'] as const
const MAX_LINKS = 40

/**
 * The path with every symlink resolved: the real path of its nearest existing ancestor, then the rest.
 * A symlink as the last component is followed too, even when what it points at does not exist yet.
 */
export async function realPathOf(path: string, links = 0): Promise<string> {
  try {
    return await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || links > MAX_LINKS) throw error
  }
  const info = await lstat(path).catch(() => undefined)
  if (info?.isSymbolicLink()) return realPathOf(resolve(dirname(path), await readlink(path)), links + 1)
  const parent = dirname(path)
  if (parent === path) return path
  return join(await realPathOf(parent, links), basename(path))
}

/**
 * Refuses a path whose real path is inside the data folder (by its real path too), except inside its
 * export and download folders; returns the real path, which is where the file must then be written.
 */
export async function assertOutsideDataFolder(path: string, opts: { dataDir: string; fieldName: string }): Promise<string> {
  let real: string
  try {
    real = await realPathOf(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw fileError(`The path ${path} cannot be followed (${code}).`, 'Choose a folder without broken or looping links.', opts.fieldName)
  }
  const data = await realPathOf(resolve(opts.dataDir))
  if (!isInside(real, data) || DATA_OUTPUT_FOLDERS.some((folder) => isInside(real, join(data, folder)))) return real
  const via = real === path ? '' : ` (through a link it is ${real})`
  throw new AppError({
    code: 'invalid_input',
    message: `${path} is inside Switchboard's data folder${via}.`,
    hint: `Choose a place outside ${data}: it holds the audit log, settings and jobs, which nothing may overwrite. Its exports folder (${join(data, 'exports')}) is fine.`,
    details: [{ fieldName: opts.fieldName, errorCode: 'invalid.value' }],
  })
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

function fileError(message: string, hint: string, fieldName: string): AppError {
  return new AppError({ code: 'file', message, hint, details: [{ fieldName, errorCode: 'invalid.value' }] })
}
