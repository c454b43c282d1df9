import { stat } from 'node:fs/promises'
import { AppError } from '../../../shared/errors'
import { describeFileError } from './fileProblems'

/** Marks errors after which a retry must check and hash the file again, not reuse the old hash. */
export const FILE_CHANGED = 'file_changed'

export interface FileFacts {
  path: string
  name: string
  size: number
  mtimeMs: number
}

export function fileChangedError(name: string, message: string): AppError {
  return new AppError({
    code: 'file',
    message: `${name} ${message}`,
    hint: 'Nothing half-changed was uploaded. If the recorder is still writing the file, wait until it has finished, then choose "Retry failed": the file is checked and hashed again.',
    details: [{ reason: FILE_CHANGED }],
  })
}

export function isFileChangedError(error: unknown): boolean {
  return error instanceof AppError && (error.details ?? []).some((d) => d.reason === FILE_CHANGED)
}

/** Throws when the file is gone or its size or modification time differ from when it was hashed. */
export async function assertUnchanged(file: FileFacts): Promise<void> {
  let now
  try {
    now = await stat(file.path)
  } catch (error) {
    throw fileChangedError(file.name, `can no longer be read since it was checked: ${describeFileError(error)}.`)
  }
  if (now.size !== file.size)
    throw fileChangedError(file.name, `changed after it was checked: its size went from ${file.size} to ${now.size} bytes.`)
  if (now.mtimeMs !== file.mtimeMs) throw fileChangedError(file.name, 'changed after it was checked: it was modified since it was hashed.')
}
