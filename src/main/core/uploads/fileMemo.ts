import type { Stats } from 'node:fs'

type FileStats = Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>

/**
 * What was learnt from reading a file, kept while the file stays the same: the review before Start, Start
 * and the upload job each look at the same recordings. The same file, unchanged, has the same device,
 * inode, size, mtime and ctime (ctime moves on any write and cannot be set back).
 */
export class FileMemo<T> {
  private readonly entries = new Map<string, { identity: string; value: T }>()

  constructor(private readonly capacity: number) {}

  get(path: string, stats: FileStats): T | undefined {
    const entry = this.entries.get(path)
    return entry?.identity === identityOf(stats) ? entry.value : undefined
  }

  set(path: string, stats: FileStats, value: T): void {
    this.entries.delete(path)
    this.entries.set(path, { identity: identityOf(stats), value })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
  }
}

function identityOf(stats: FileStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`
}
