/**
 * Puts a verified part file under its final name. Without the admin's "overwrite" a file already there
 * is never replaced: a hard link fails when the name is taken, so the check and the move are one step.
 */
import { link, lstat, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { syncDirectory } from '../../files/durableAppender'
import { numberedName } from './fileNames'

const MAX_NUMBERED = 999

/** 'exists' when the name is taken (and nothing was moved). */
export async function placeFile(part: string, target: string, replace: boolean): Promise<'placed' | 'exists'> {
  if (replace) {
    await rename(part, target)
  } else {
    try {
      await link(part, target)
      await unlink(part)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return 'exists'
      // File systems without hard links: check, then move (a name taken in between is the only gap).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw error
      if (await exists(target)) return 'exists'
      await rename(part, target)
    }
  }
  await syncDirectory(dirname(target))
  return 'placed'
}

/** Places under `fileName`, or `name (2).ext`, `name (3).ext`, ... when taken; the name used. */
export async function placeFileRenamed(part: string, folder: string, fileName: string): Promise<string> {
  if ((await placeFile(part, join(folder, fileName), false)) === 'placed') return fileName
  for (let n = 2; n <= MAX_NUMBERED; n++) {
    const candidate = numberedName(fileName, n)
    if ((await placeFile(part, join(folder, candidate), false)) === 'placed') return candidate
  }
  throw Object.assign(new Error(`no free name for ${fileName}`), { code: 'EEXIST' })
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
