/**
 * Everything Switchboard keeps in its data folder is for the signed-in user only: folders 0700, files
 * 0600. The modes are passed when a file or folder is created (the process umask can only remove
 * bits, so 0600 stays 0600), and tightened on start for folders an older version made with looser bits.
 */
import { chmod, mkdir, stat } from 'node:fs/promises'

export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Makes the folder (and missing parents) 0700; an existing folder with group or other bits is tightened. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  await tightenMode(dir, PRIVATE_DIR_MODE)
}

/** Removes group and other bits when present (Windows has no such bits: nothing to do there). */
export async function tightenMode(path: string, mode: number): Promise<void> {
  if (process.platform === 'win32') return
  const current = (await stat(path)).mode & 0o777
  if ((current & 0o077) !== 0) await chmod(path, mode)
}
