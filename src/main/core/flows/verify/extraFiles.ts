/** What configurations/ holds that no manifest names: stray files, folders and links. */
import { join } from 'node:path'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows/archive'
import type { VerifyProblem } from '../../../../shared/contract/flows/verify'
import { ARCHIVE_LIMITS } from './archiveLimits'
import { listArchiveFolder } from './folderListing'
import { extraEntryProblem, linkedFolderProblem } from './verifyProblems'

export interface ConfigurationsFolder {
  /** false: configurations/ is a link or a file, so no file under it may be read. */
  readable: boolean
  /** Entries of configurations/ (0 when absent). */
  entries: number
  problems: VerifyProblem[]
}

export async function findExtraFiles(
  archive: string,
  named: (file: string) => boolean,
  signal?: AbortSignal,
): Promise<ConfigurationsFolder> {
  const root = ARCHIVE_LAYOUT.configurations
  const listing = await listArchiveFolder(archive, join(archive, root), ARCHIVE_LIMITS.maxFolderEntries, signal)
  if (listing.state === 'absent') return { readable: true, entries: 0, problems: [] }
  if (listing.state === 'link')
    return { readable: false, entries: 0, problems: [linkedFolderProblem('changed', root, listing, 'configurations')] }
  if (listing.state === 'not-a-folder') {
    return {
      readable: false,
      entries: 0,
      problems: [
        {
          kind: 'changed',
          path: root,
          detail: `${root} is a file, not the folder of archived configurations.`,
          hint: 'Move it aside and restore the configurations folder from a backup copy.',
        },
      ],
    }
  }
  const problems: VerifyProblem[] = []
  for (const entry of listing.entries) {
    const path = `${root}/${entry.name}`
    if (named(path)) continue // checked (or reported as a link) with the files the manifests name
    const what = entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'folder' : 'file'
    problems.push(extraEntryProblem(path, what, 'configurations'))
  }
  return { readable: true, entries: listing.entries.length, problems }
}
