/**
 * Paths the admin types (where to save results, exports, reviews). There is no save dialog in the web
 * shell, so the core is the one place that checks them: a full path (~ expanded), an existing folder,
 * and one that really takes a file (permissions can say yes where the disk says no).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
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
    if (error.code === 'ENOENT') throw fileError(`The folder ${folder} does not exist.`, 'Create it first, or choose a folder that exists. Switchboard does not create folders you name.', fieldName)
    throw fileError(`The folder ${folder} cannot be read (${error.code ?? 'unknown error'}).`, 'Choose a folder you can open.', fieldName)
  })
  if (!info.isDirectory()) throw fileError(`${folder} is a file, not a folder.`, 'Choose a folder.', fieldName)
  const probe = join(folder, `.switchboard-write-test-${randomBytes(4).toString('hex')}`)
  try {
    await writeFile(probe, '', { flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw fileError(`Switchboard cannot write to ${folder} (${code}).`, 'Choose a folder you may write to, or ask for write access to this one.', fieldName)
  } finally {
    await rm(probe, { force: true })
  }
}

/** The folder the admin typed, checked; empty means the default folder, made if missing. */
export async function resolveAdminFolder(typed: string | undefined, opts: { defaultFolder: string; fieldName: string }): Promise<string> {
  if (typed === undefined || typed.trim() === '') {
    await mkdir(opts.defaultFolder, { recursive: true })
    return opts.defaultFolder
  }
  const folder = absoluteAdminPath(typed, opts.fieldName, 'folder')
  await assertWritableFolder(folder, opts.fieldName)
  return folder
}

function fileError(message: string, hint: string, fieldName: string): AppError {
  return new AppError({ code: 'file', message, hint, details: [{ fieldName, errorCode: 'invalid.value' }] })
}
