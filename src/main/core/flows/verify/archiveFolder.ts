/**
 * The archive folder the admin names, checked by its real path (core/files/adminPaths.ts): a full path
 * to a folder that exists. Reading is all verify and compare do, so the data folder's export and download
 * folders are fine, the rest of the data folder is not (it holds no archive and should not be read out).
 */
import { stat } from 'node:fs/promises'
import { AppError } from '../../../../shared/errors'
import { absoluteAdminPath, assertOutsideDataFolder } from '../../files/adminPaths'

export async function resolveArchiveFolder(typed: string, dataDir: string, fieldName = 'folder'): Promise<string> {
  if (typed.trim() === '') {
    throw new AppError({
      code: 'invalid_input',
      message: 'No archive folder was named.',
      hint: 'Enter the full path of the folder the flow archive was written to.',
      details: [{ fieldName, errorCode: 'invalid.value' }],
    })
  }
  const folder = await assertOutsideDataFolder(absoluteAdminPath(typed, fieldName, 'folder'), { dataDir, fieldName })
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    const missing = error.code === 'ENOENT'
    throw new AppError({
      code: 'file',
      message: missing ? `The folder ${folder} does not exist.` : `The folder ${folder} cannot be read (${error.code ?? 'unknown error'}).`,
      hint: missing ? 'Check the path: it is the folder an archive run wrote to.' : 'Choose a folder you can open.',
      details: [{ fieldName, errorCode: 'invalid.value' }],
    })
  })
  if (!info.isDirectory()) {
    throw new AppError({
      code: 'file',
      message: `${folder} is a file, not a folder.`,
      hint: 'Choose the archive folder itself (the one holding manifests and configurations).',
      details: [{ fieldName, errorCode: 'invalid.value' }],
    })
  }
  return folder
}
