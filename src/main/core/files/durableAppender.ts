/**
 * An append-only file with batched writes and group commit: text is queued in memory, written in one
 * call per batch (the event loop never waits on the disk), and fsynced when asked. All file work runs
 * one operation at a time, so batches land in the order they were queued. Used by the audit log and
 * the job journal.
 */
import { open, type FileHandle } from 'node:fs/promises'

/** Makes a rename or unlink durable; some platforms cannot open a folder, and need no sync there. */
export async function syncDirectory(dir: string): Promise<void> {
  let fh: FileHandle | undefined
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch {
    // EISDIR / EPERM on Windows.
  } finally {
    await fh?.close()
  }
}

interface Waiter {
  sync: boolean
  resolve: () => void
  reject: (error: unknown) => void
}

export class DurableAppender {
  private pending: (string | Buffer)[] = []
  private waiters: Waiter[] = []
  private chain: Promise<unknown> = Promise.resolve()
  private drainScheduled = false
  private closed = false
  /** Bytes written to the file so far (visible to readers; durable after the next sync). */
  size: number
  pendingBytes = 0

  private constructor(
    public path: string,
    private fh: FileHandle,
    size: number,
  ) {
    this.size = size
  }

  static async open(path: string): Promise<DurableAppender> {
    const fh = await open(path, 'a')
    const { size } = await fh.stat()
    return new DurableAppender(path, fh, size)
  }

  /** Queues text for the next batch without waiting for it. */
  enqueue(text: string): void {
    if (this.closed) throw new Error(`${this.path} is closed`)
    this.pending.push(text)
    this.pendingBytes += text.length
  }

  /** Queues text and resolves once it is written (and fsynced when sync is true). */
  write(text: string, sync: boolean): Promise<void> {
    this.enqueue(text)
    return this.flush(sync)
  }

  /** Writes everything queued so far; fsyncs when sync is true. */
  flush(sync: boolean): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ sync, resolve, reject })
      this.scheduleDrain()
    })
  }

  /** Runs fn with the file to itself (no batch is written meanwhile), e.g. to rotate or compact it. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.chain.then(fn)
    this.chain = result.catch(() => undefined)
    return result
  }

  /**
   * Closes the file, lets `between` rename or replace files, then appends to `path` (called inside
   * exclusive(), so no batch is written meanwhile).
   */
  async reopen(path: string, between: () => Promise<void> = async () => {}): Promise<void> {
    await this.fh.close()
    try {
      await between()
    } finally {
      this.fh = await open(path, 'a')
      this.path = path
      this.size = (await this.fh.stat()).size
    }
  }

  /**
   * Inside exclusive(): writes what is queued now. The queue is taken before the first await, so a
   * caller that notes its own state in the same tick knows exactly what the file holds afterwards.
   */
  writeQueuedLocked(): Promise<void> {
    return this.drain(true)
  }

  /** Inside exclusive(): fsyncs the file. */
  syncLocked(): Promise<void> {
    return this.fh.sync()
  }

  /** Drops queued text whose effect another write already covers (compaction's snapshot). */
  discardPending(): void {
    this.pending = []
    this.pendingBytes = 0
  }

  async close(): Promise<void> {
    if (this.closed) return
    const done = this.flush(true)
    this.closed = true
    await done
    await this.exclusive(() => this.fh.close())
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return
    this.drainScheduled = true
    void this.exclusive(async () => {
      this.drainScheduled = false
      await this.drain()
    })
  }

  private async drain(rethrow = false): Promise<void> {
    const waiters = this.waiters
    this.waiters = []
    const data = Buffer.concat(this.pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))
    this.pending = []
    this.pendingBytes = 0
    try {
      await this.writeAll(data)
      if (waiters.some((w) => w.sync)) await this.fh.sync()
      for (const w of waiters) w.resolve()
    } catch (error) {
      for (const w of waiters) w.reject(error)
      if (rethrow) throw error
    }
  }

  /** Writes every byte; on failure the unwritten rest goes back to the front of the queue. */
  private async writeAll(data: Buffer): Promise<void> {
    let offset = 0
    try {
      while (offset < data.length) {
        const { bytesWritten } = await this.fh.write(data, offset, data.length - offset)
        offset += bytesWritten
        this.size += bytesWritten
      }
    } catch (error) {
      const rest = Buffer.from(data.subarray(offset))
      this.pending.unshift(rest)
      this.pendingBytes += rest.length
      throw error
    }
  }
}
