import { writeFileAtomic } from './writeFileAtomic'

/**
 * Writes a whole file atomically from what `text` returns at write time. save() calls made while a
 * write runs share one more write that includes all their changes, so the file never lags behind.
 */
export class CoalescedFileWriter {
  private dirty = false
  private writing: Promise<void> | undefined

  constructor(
    private readonly path: string,
    private readonly text: () => string,
  ) {}

  save(): Promise<void> {
    this.dirty = true
    this.writing ??= this.writeWhileDirty()
    return this.writing
  }

  private async writeWhileDirty(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false
        await writeFileAtomic(this.path, this.text())
      }
    } finally {
      this.writing = undefined
    }
  }
}
