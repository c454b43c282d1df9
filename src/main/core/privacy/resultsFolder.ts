import { randomBytes } from 'node:crypto'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'

/** Where results go when the admin names no folder: inside the app's data folder. */
export function defaultResultsFolder(dataDir: string): string {
  return join(dataDir, 'downloads', 'privacy')
}

/**
 * The folder results will be saved in, as an absolute path: it must exist, be a folder, and take a
 * test file (permissions can say yes where the disk says no). Empty means the default, made if missing.
 */
export async function checkResultsFolder(input: string, dataDir: string): Promise<string> {
  const typed = input.trim()
  if (typed === '') {
    const folder = defaultResultsFolder(dataDir)
    await mkdir(folder, { recursive: true })
    return folder
  }
  const expanded = typed === '~' || typed.startsWith('~/') ? join(homedir(), typed.slice(1)) : typed
  if (!isAbsolute(expanded)) {
    throw folderError(`“${typed}” is not a full folder path.`, 'Enter the whole path, starting with / (or a drive letter such as C:\\ on Windows), or leave it empty for the default folder.')
  }
  const folder = resolve(expanded)
  let info
  try {
    info = await stat(folder)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw folderError(`The folder ${folder} does not exist.`, 'Create it first, or choose a folder that exists. Switchboard does not create folders you name.')
    throw folderError(`The folder ${folder} cannot be read (${code ?? 'unknown error'}).`, 'Choose a folder you can open.')
  }
  if (!info.isDirectory()) throw folderError(`${folder} is a file, not a folder.`, 'Choose the folder to save the results in.')
  await assertWritable(folder)
  return folder
}

async function assertWritable(folder: string): Promise<void> {
  const probe = join(folder, `.switchboard-write-test-${randomBytes(4).toString('hex')}`)
  try {
    await writeFile(probe, '', { flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw folderError(`Switchboard cannot write to ${folder} (${code}).`, 'Choose a folder you may write to, or ask for write access to this one.')
  } finally {
    await rm(probe, { force: true })
  }
}

function folderError(message: string, hint: string): AppError {
  return new AppError({ code: 'file', message, hint, details: [{ fieldName: 'folder', errorCode: 'invalid.value' }] })
}
