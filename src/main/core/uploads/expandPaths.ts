import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { describeFileError } from './fileProblems'

export const MAX_FILES_PER_BATCH = 20_000

export interface ExpandedPaths {
  /** Files to check, in a stable order (folders sorted by name). */
  files: string[]
  /** Paths left out, with why (hidden files, loops, the same file reached twice). */
  ignored: { path: string; reason: string }[]
}

/**
 * Turns dropped paths into the files they hold: folders are walked, symbolic links are followed, but
 * each real folder is walked once (so a link back up the tree cannot loop) and each real file is
 * listed once. Paths that are not folders are passed on as they are, for validation to judge.
 */
export async function expandPaths(paths: string[], maxFiles = MAX_FILES_PER_BATCH): Promise<ExpandedPaths> {
  const walk = new Walk(maxFiles)
  for (const path of paths) await walk.top(path)
  return { files: walk.files, ignored: walk.ignored }
}

class Walk {
  readonly files: string[] = []
  readonly ignored: { path: string; reason: string }[] = []
  private readonly seenDirs = new Set<string>()
  private readonly seenFiles = new Map<string, string>()

  constructor(private readonly maxFiles: number) {}

  async top(path: string): Promise<void> {
    const target = await stat(path).catch(() => undefined)
    if (target?.isDirectory()) await this.dir(path)
    else await this.file(path)
  }

  private async dir(path: string): Promise<void> {
    const real = await realpath(path)
    if (this.seenDirs.has(real)) {
      this.ignored.push({ path, reason: 'a link to a folder that is already included (not walked twice, so links cannot loop)' })
      return
    }
    this.seenDirs.add(real)
    let entries: Dirent[]
    try {
      entries = await readdir(path, { withFileTypes: true })
    } catch (error) {
      this.ignored.push({ path, reason: `the folder could not be read: ${describeFileError(error)}` })
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) await this.entry(join(path, entry.name), entry)
  }

  private async entry(path: string, entry: Dirent): Promise<void> {
    if (entry.name.startsWith('.')) {
      this.ignored.push({ path, reason: 'hidden file' })
      return
    }
    if (entry.isDirectory()) return this.dir(path)
    if (!entry.isSymbolicLink()) return this.file(path)
    try {
      const target = await stat(path)
      return target.isDirectory() ? this.dir(path) : this.file(path)
    } catch (error) {
      this.ignored.push({ path, reason: `a link that cannot be followed: ${describeFileError(error)}` })
    }
  }

  private async file(path: string): Promise<void> {
    const real = await realpath(path).catch(() => path)
    const first = this.seenFiles.get(real)
    if (first !== undefined) {
      this.ignored.push({ path, reason: `the same file as ${basename(first)}, already included` })
      return
    }
    if (this.files.length >= this.maxFiles) {
      throw new AppError({
        code: 'invalid_input',
        message: `More than ${this.maxFiles} files were added at once.`,
        hint: 'Upload the folders in smaller groups.',
      })
    }
    this.seenFiles.set(real, path)
    this.files.push(path)
  }
}
