/** The entries of one folder of an archive (manifests/, configurations/), without following a link to it. */
import type { Dirent } from 'node:fs'
import { lstat, opendir } from 'node:fs/promises'
import { AppError } from '../../../../shared/errors'
import { linkEntry } from './archiveEntry'

export type FolderListing =
  | { state: 'listed'; entries: Dirent[] }
  | { state: 'absent' }
  | { state: 'link'; target: string; outside: boolean }
  | { state: 'not-a-folder' }

export async function listArchiveFolder(archive: string, path: string, maxEntries: number, signal?: AbortSignal): Promise<FolderListing> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (!info) return { state: 'absent' }
  if (info.isSymbolicLink()) {
    const link = await linkEntry(archive, path)
    return link.kind === 'link' ? { state: 'link', target: link.target, outside: link.outside } : { state: 'not-a-folder' }
  }
  if (!info.isDirectory()) return { state: 'not-a-folder' }
  const entries: Dirent[] = []
  for await (const entry of await opendir(path, { bufferSize: 256 })) {
    signal?.throwIfAborted()
    if (entries.length >= maxEntries) {
      throw new AppError({
        code: 'file',
        message: `${path} holds more than ${maxEntries.toLocaleString('en')} entries, more than an archive folder should.`,
        hint: 'Check that this is the archive folder. Verify reads at most that many entries, so that a wrong folder cannot keep it busy.',
      })
    }
    entries.push(entry)
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { state: 'listed', entries }
}
