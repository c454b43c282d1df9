/**
 * A crash between writing a temp file and renaming it (files/writeFileAtomic.ts) leaves `<name>.<8 hex>.tmp`
 * beside the archive's files. A run removes such leftovers from configurations/ and manifests/ before it
 * writes, but only those made before this core opened: a temp file made since may belong to another run
 * writing into the same folder right now.
 */
import { lstat, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows'

const LEFTOVER_TEMP = /^[\w.-]+\.[0-9a-f]{8}\.tmp$/

export async function removeLeftoverTempFiles(folder: string, madeBefore: number): Promise<string[]> {
  const removed: string[] = []
  for (const part of [ARCHIVE_LAYOUT.configurations, ARCHIVE_LAYOUT.manifests]) {
    const names = await readdir(join(folder, part)).catch(() => [] as string[])
    for (const name of names) {
      if (!LEFTOVER_TEMP.test(name)) continue
      const path = join(folder, part, name)
      const info = await lstat(path).catch(() => undefined)
      if (!info?.isFile() || info.mtimeMs >= madeBefore) continue
      await rm(path, { force: true })
      removed.push(`${part}/${name}`)
    }
  }
  return removed
}
