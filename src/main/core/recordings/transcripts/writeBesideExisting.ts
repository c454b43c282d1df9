/**
 * Writes a file without ever replacing a different one: the bytes go to a temp name beside the target,
 * are flushed, and are then linked to the target name, which fails rather than overwrites if a file
 * appeared there meanwhile. The same bytes already there are left as they are; a different file keeps
 * its name and the new one becomes "name (2).ext", "name (3).ext", ...
 */
import { createHash, randomBytes } from 'node:crypto'
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { SavedFileOutcome } from '../../../../shared/contract/recordings'
import { AppError } from '../../../../shared/errors'
import { PRIVATE_FILE_MODE } from '../../files/privateFiles'

export interface WrittenFile {
  path: string
  bytes: number
  sha256: string
  outcome: SavedFileOutcome
}

const MAX_NUMBERED = 99

export async function writeBesideExisting(folder: string, stem: string, extension: string, content: Buffer): Promise<WrittenFile> {
  const sha256 = createHash('sha256').update(content).digest('hex')
  const temp = join(folder, `.${stem}${extension}.${randomBytes(6).toString('hex')}.part`)
  try {
    await writeTemp(temp, content)
    for (let n = 1; n <= MAX_NUMBERED; n++) {
      const path = join(folder, n === 1 ? `${stem}${extension}` : `${stem} (${n})${extension}`)
      const existing = await sameContent(path, content)
      if (existing === 'same') return { path, bytes: content.length, sha256, outcome: 'unchanged' }
      if (existing === 'different') continue
      if (await placeNew(temp, path)) return { path, bytes: content.length, sha256, outcome: n === 1 ? 'written' : 'renamed' }
    }
  } catch (error) {
    throw writeError(folder, error)
  } finally {
    await rm(temp, { force: true })
  }
  throw new AppError({
    code: 'file',
    message: `${folder} already holds ${MAX_NUMBERED} different files named ${stem}${extension}.`,
    hint: 'Move or remove the older copies, or choose another folder.',
  })
}

async function writeTemp(path: string, content: Buffer): Promise<void> {
  const handle = await open(path, 'wx', PRIVATE_FILE_MODE)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function sameContent(path: string, content: Buffer): Promise<'same' | 'different' | 'absent'> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (!info) return 'absent'
  if (!info.isFile() || info.size !== content.length) return 'different'
  return (await readFile(path)).equals(content) ? 'same' : 'different'
}

/** True when the temp file now has the target name; false when a file took the name first. */
async function placeNew(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // Some file systems (FAT, some network shares) have no hard links: a rename right after the check.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      if ((await sameContent(path, Buffer.alloc(0)).catch(() => 'different')) !== 'absent') return false
      await rename(temp, path)
      return true
    }
    throw error
  }
}

function writeError(folder: string, error: unknown): AppError {
  if (error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  const full = code === 'ENOSPC' || code === 'EDQUOT'
  return new AppError({
    code: 'file',
    message: full
      ? `The disk holding ${folder} is full; the transcript was not saved.`
      : `Could not write the transcript in ${folder} (${code}).`,
    hint: full ? 'Free some space or choose another folder, then save again.' : 'Check that the folder is writable, then save again.',
  })
}
