/**
 * Dropped paths turned into what a plan looks at: WAV files (dropped or found in folders), CSV manifests,
 * and dropped files that are neither (refused, with why). Folders are walked recursively in name order;
 * hidden entries are skipped, links are followed but each real folder is walked once (so a link back up
 * the tree cannot loop) and each real file is taken once. A folder's other files are ignored, with why.
 */
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import type { DroppedPathGuard } from './droppedPaths'
import { WAV_EXTENSION } from './nameConvention'

export interface Dropped {
  /** WAV files by name, in a stable order. */
  wavs: string[]
  manifests: string[]
  /** Dropped files (not found in a folder) that are neither WAV nor CSV. */
  others: string[]
  ignored: { path: string; reason: string }[]
}

const CSV_EXTENSION = /\.csv$/i

export async function expandDropped(paths: string[], guard: DroppedPathGuard): Promise<Dropped> {
  const walk = new Walk(guard)
  for (const typed of paths) {
    const path = guard.absolute(typed)
    await guard.assertReadable(path)
    await walk.top(path)
  }
  return walk.result
}

class Walk {
  readonly result: Dropped = { wavs: [], manifests: [], others: [], ignored: [] }
  private readonly seenDirs = new Set<string>()
  private readonly seenFiles = new Map<string, string>()

  constructor(private readonly guard: DroppedPathGuard) {}

  async top(path: string): Promise<void> {
    const target = await stat(path).catch(() => undefined)
    if (target?.isDirectory()) return this.dir(path)
    // A missing or unreadable dropped file is planned and refused with its read error, not dropped silently.
    if (CSV_EXTENSION.test(path)) return this.take(path, this.result.manifests)
    return this.take(path, WAV_EXTENSION.test(path) ? this.result.wavs : this.result.others)
  }

  private async dir(path: string): Promise<void> {
    const real = await realpath(path).catch(() => path)
    if (this.seenDirs.has(real)) {
      this.ignore(path, 'a link to a folder already included (each folder is read once, so links cannot loop)')
      return
    }
    this.seenDirs.add(real)
    let entries: Dirent[]
    try {
      entries = await readdir(path, { withFileTypes: true })
    } catch (error) {
      this.ignore(path, `the folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`)
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) await this.entry(join(path, entry.name), entry)
  }

  private async entry(path: string, entry: Dirent): Promise<void> {
    if (entry.name.startsWith('.')) return this.ignore(path, 'a hidden file')
    const refusal = entry.isSymbolicLink() ? await this.guard.refusalOf(path) : undefined
    if (refusal) return this.ignore(path, refusal)
    let isDirectory = entry.isDirectory()
    if (entry.isSymbolicLink()) {
      try {
        isDirectory = (await stat(path)).isDirectory()
      } catch (error) {
        return this.ignore(path, `a link that cannot be followed (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`)
      }
    }
    if (isDirectory) return this.dir(path)
    if (WAV_EXTENSION.test(entry.name)) return this.take(path, this.result.wavs)
    if (CSV_EXTENSION.test(entry.name)) return this.take(path, this.result.manifests)
    const extension = extname(entry.name)
    this.ignore(path, `not a WAV file (${extension ? `a ${extension} file` : 'no extension'}); Architect prompts are WAV files`)
  }

  private async take(path: string, list: string[]): Promise<void> {
    const real = await realpath(path).catch(() => path)
    const first = this.seenFiles.get(real)
    if (first !== undefined) return this.ignore(path, `the same file as ${basename(first)}, already included`)
    if (this.seenFiles.size >= PROMPT_LIMITS.maxBatchItems) {
      throw new AppError({
        code: 'invalid_input',
        message: `More than ${PROMPT_LIMITS.maxBatchItems} files were added at once.`,
        hint: 'Plan the prompts in smaller groups of folders.',
        details: [{ fieldName: 'paths', errorCode: 'invalid.value' }],
      })
    }
    this.seenFiles.set(real, path)
    list.push(path)
  }

  private ignore(path: string, reason: string): void {
    this.result.ignored.push({ path, reason })
  }
}
