/**
 * The archive folder follows the rules of every output folder (core/files/outputFolder.ts): a full path,
 * outside the data folder, writable, made when missing; empty means the default inside the data folder's
 * exports. Inside it, configurations/ and manifests/ must be real folders: a link planted there would
 * send the archive's files elsewhere.
 */
import { lstat, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { checkOutputFolder, prepareOutputFolder, type OutputFolderCheck, type OutputFolderRules } from '../../files/outputFolder'

export function archiveFolderRules(dataDir: string): OutputFolderRules {
  return { defaultFolder: join(dataDir, 'exports', 'flow-archive'), dataDir, fieldName: 'folder', createMissing: true }
}

/** Checked without making anything: for the settings form. */
export async function checkArchiveFolder(typed: string, dataDir: string): Promise<OutputFolderCheck> {
  return checkOutputFolder(typed, archiveFolderRules(dataDir))
}

/** The folder made if missing and checked, with its two sub-folders: its real path. */
export async function prepareArchiveFolder(typed: string, dataDir: string): Promise<string> {
  const folder = await prepareOutputFolder(typed, archiveFolderRules(dataDir))
  for (const part of [ARCHIVE_LAYOUT.configurations, ARCHIVE_LAYOUT.manifests]) await ensureRealFolder(join(folder, part))
  return folder
}

async function ensureRealFolder(path: string): Promise<void> {
  await mkdir(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw folderError(`${path} cannot be created (${error.code ?? 'unknown error'}).`)
  })
  const info = await lstat(path)
  if (!info.isDirectory() || info.isSymbolicLink())
    throw folderError(`${path} is not a folder (a file or a link is in its place).`, 'Move it away, or choose another archive folder.')
}

function folderError(message: string, hint = 'Choose a folder you may write to.'): AppError {
  return new AppError({ code: 'file', message, hint, details: [{ fieldName: 'folder', errorCode: 'invalid.value' }] })
}
