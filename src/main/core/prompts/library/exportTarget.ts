/**
 * Where a prompts export goes. Empty: a fresh <data>/exports/prompts-<date>.csv. A typed path: a full
 * path (~ expanded) whose folder exists and takes a file, not a folder, not inside the data folder by any
 * path (its exports folder is fine), and not an existing file unless the admin confirmed replacing it.
 * The real path is returned: the CSV is written there through a temp file renamed into place.
 */
import { stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { absoluteAdminPath, assertOutsideDataFolder, assertWritableFolder } from '../../files/adminPaths'
import { ensurePrivateDir } from '../../files/privateFiles'

const FIELD = 'path'

export async function exportTarget(typed: string, opts: { dataDir: string; now: Date; overwrite: boolean }): Promise<string> {
  if (typed.trim() === '') return defaultExportPath(opts.dataDir, opts.now)
  const path = await assertOutsideDataFolder(absoluteAdminPath(typed, FIELD, 'file'), { dataDir: opts.dataDir, fieldName: FIELD })
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw pathError(`${path} is a folder.`, 'Add a file name to the path, for example prompts.csv.')
  await assertWritableFolder(dirname(path), FIELD)
  if (existing && !opts.overwrite) {
    throw new AppError({
      code: 'conflict',
      message: `${path} already exists.`,
      hint: 'Choose another file name, or confirm that the existing file may be replaced (it is replaced only once the export is complete).',
      details: [{ fieldName: FIELD, errorCode: 'file.exists' }],
    })
  }
  return path
}

/** A name not taken yet in the data folder's exports folder (made private if missing), e.g. prompts-2026-01-31T09-00-00.csv. */
async function defaultExportPath(dataDir: string, now: Date): Promise<string> {
  const folder = join(dataDir, 'exports')
  await ensurePrivateDir(folder)
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-')
  for (let n = 1; ; n++) {
    const path = join(folder, `prompts-${stamp}${n === 1 ? '' : `-${n}`}.csv`)
    if (!(await stat(path).catch(() => undefined))) return path
  }
}

function pathError(message: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message, hint, details: [{ fieldName: FIELD, errorCode: 'invalid.value' }] })
}
