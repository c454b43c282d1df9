/** Writes a download's manifest at most once a second while items finish, and at once when asked. */
import type { DownloadRecord } from './downloadRecord'
import { writeManifest } from './manifest'

const WRITE_EVERY_MS = 1000

export class ManifestWriter {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly writing = new Map<string, Promise<void>>()

  schedule(record: DownloadRecord): void {
    if (this.timers.has(record.id)) return
    const timer = setTimeout(() => {
      this.timers.delete(record.id)
      void this.flush(record).catch(() => undefined)
    }, WRITE_EVERY_MS)
    timer.unref?.()
    this.timers.set(record.id, timer)
  }

  /** Writes now (after a write in progress); a folder that refuses it makes this reject. */
  async flush(record: DownloadRecord): Promise<void> {
    const timer = this.timers.get(record.id)
    if (timer) clearTimeout(timer)
    this.timers.delete(record.id)
    const previous = this.writing.get(record.id) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(() => writeManifest(record))
    this.writing.set(record.id, next)
    try {
      await next
    } finally {
      if (this.writing.get(record.id) === next) this.writing.delete(record.id)
    }
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
