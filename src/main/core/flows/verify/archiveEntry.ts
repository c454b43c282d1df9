/**
 * Opens one file of an archive folder without ever following a link: a link (or a folder, or a device)
 * where a file should be is reported as such, so nothing outside the archive folder is read through it.
 */
import { constants, type Stats } from 'node:fs'
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'

export type ArchiveEntry =
  | { kind: 'file'; handle: FileHandle; sizeBytes: number }
  | { kind: 'missing' }
  /** `outside`: the link points out of the archive folder. */
  | { kind: 'link'; target: string; outside: boolean }
  | { kind: 'not-a-file'; what: 'folder' | 'special file' }

/** Linux and macOS refuse to open a link with it; elsewhere the lstat before the open is the guard. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0

/** The entry at `path` (inside `folder`); a file comes open: the caller closes its handle. */
export async function openArchiveEntry(folder: string, path: string): Promise<ArchiveEntry> {
  let before: Stats
  try {
    before = await lstat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return { kind: 'missing' }
    throw error
  }
  if (before.isSymbolicLink()) return linkEntry(folder, path)
  if (before.isDirectory()) return { kind: 'not-a-file', what: 'folder' }
  if (!before.isFile()) return { kind: 'not-a-file', what: 'special file' }
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW)
  } catch (error) {
    // Swapped for a link (ELOOP) or removed between the lstat and the open.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return linkEntry(folder, path)
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  const info = await handle.stat()
  if (!info.isFile() || info.ino !== before.ino || info.dev !== before.dev) {
    await handle.close()
    return { kind: 'not-a-file', what: info.isDirectory() ? 'folder' : 'special file' }
  }
  return { kind: 'file', handle, sizeBytes: info.size }
}

/** Where a link points (as written in it), and whether that leads out of the folder. */
export async function linkEntry(folder: string, path: string): Promise<ArchiveEntry> {
  const target = await readlink(path).catch(() => '')
  const resolved = resolve(dirname(path), target)
  const rel = relative(folder, resolved)
  const outside = target === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)
  return { kind: 'link', target, outside }
}
