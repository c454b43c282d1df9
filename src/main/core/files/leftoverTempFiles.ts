/**
 * A crash between writing a temp file and renaming it (writeFileAtomic) leaves `<name>.<8 hex>.tmp`
 * beside the file. A writer that owns a folder removes such leftovers before it writes, but only those
 * made before this core opened: a temp file made since may belong to another run writing there right now.
 */
import { lstat, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isAtomicTempName } from './writeFileAtomic'

/** Removes old leftovers in each of `parts` (folders under `root`); answers their paths relative to `root`. */
export async function removeLeftoverTempFiles(root: string, parts: readonly string[], madeBefore: number): Promise<string[]> {
  const removed: string[] = []
  for (const part of parts) {
    const names = await readdir(join(root, part)).catch(() => [] as string[])
    for (const name of names) {
      if (!isAtomicTempName(name)) continue
      const path = join(root, part, name)
      const info = await lstat(path).catch(() => undefined)
      if (!info?.isFile() || info.mtimeMs >= madeBefore) continue
      await rm(path, { force: true })
      removed.push(`${part}/${name}`)
    }
  }
  return removed
}
