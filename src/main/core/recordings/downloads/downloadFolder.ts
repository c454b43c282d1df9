import { mkdir } from 'node:fs/promises'
import { AppError } from '../../../../shared/errors'
import { absoluteAdminPath, assertOutsideDataFolder, assertWritableFolder } from '../../files/adminPaths'

/** The folder the admin typed, created if missing, checked writable and outside the data folder: its real path. */
export async function prepareDownloadFolder(typed: string, dataDir: string): Promise<string> {
  const folder = absoluteAdminPath(typed, 'folder', 'folder')
  await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new AppError({
      code: 'file',
      message: `The folder ${folder} cannot be created (${error.code ?? 'unknown error'}).`,
      hint: 'Choose a folder you may write to.',
      details: [{ fieldName: 'folder', errorCode: 'invalid.value' }],
    })
  })
  const real = await assertOutsideDataFolder(folder, { dataDir, fieldName: 'folder' })
  await assertWritableFolder(real, 'folder')
  return real
}
