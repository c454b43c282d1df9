/**
 * An append-only file with batched writes and group commit: text is queued in memory, written in one
 * call per batch (the event loop never waits on the disk), and fsynced when asked. All file work runs
 * one operation at a time, so batches land in the order they were queued. Used by the audit log and
 * the job journal.
 *
 * Before each batch it checks that the path still names the file it writes to (device + inode) and that
 * the file is not shorter than what it wrote. A file replaced or deleted under it is rebuilt at the path
 * from the open handle (the bytes written so far are still readable there; a replacement is set aside,
 * not deleted); a truncated one is appended to at its new end. Either way the owner is told, so it can
 * record what happened.
 */
import { open, rename, stat, type FileHandle } from 'node:fs/promises'
import { statSync, type Stats } from 'node:fs'
import { dirname } from 'node:path'
import type { FileLock } from './fileLock'
import { PRIVATE_FILE_MODE } from './privateFiles'

/**
 * The path's stats, undefined when nothing is there. Synchronous on purpose: it runs before every batch
 * (the audit log's, per event under load), and a promise stat costs about six times the CPU of the
 * syscall itself in the thread-pool round trip (30 µs against 5 µs, measured); the lock around it is
 * synchronous already.
 */
function statPath(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false })
}

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

export type FileChange =
  /** Another file was put at the path (a rename over it): set aside, and ours rebuilt from the handle. */
  | { kind: 'replaced'; path: string; oldInode: number; newInode: number; foundBytes: number; setAsidePath: string; restoredBytes: number }
  /** The path was deleted: ours rebuilt there from the handle. */
  | { kind: 'missing'; path: string; oldInode: number; newInode: number; restoredBytes: number }
  /** The file was cut shorter than what had been written to it: the cut bytes are gone. */
  | { kind: 'truncated'; path: string; inode: number; expectedBytes: number; foundBytes: number }

/** What other processes did to the file since this one last wrote: appended [from, to), or replaced it (reset: read all). */
export interface PeerWrites {
  from: number
  to: number
  reset: boolean
}

export interface DurableAppenderOptions {
  /** Called (inside the write queue) after the file was found replaced, deleted or truncated, and reopened. */
  onFileChanged?: (change: FileChange) => void
  /** Another process writes the same file: each batch is written while holding this lock. */
  lock?: FileLock
  /** Under the lock, before a batch: what other processes wrote, for the owner to read. */
  onPeerWrites?: (writes: PeerWrites) => Promise<void>
  /**
   * Under the lock: whether the file now at the path was put there by another process (its rotation or
   * compaction, given the identity of the file this one had open): it is then followed, not set aside.
   */
  isPeerReplacement?: (previous: { dev: number; ino: number }) => Promise<boolean>
  /**
   * Under the lock, when another process's writes end inside a line (it was killed mid-write): sets
   * the torn bytes aside and cuts the file back to its last whole line, as a restart would.
   */
  setAsideTornTail?: () => Promise<void>
}

const COPY_CHUNK = 1024 * 1024

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

  private identity: { dev: number; ino: number }
  private lineBreakFirst = false

  private constructor(
    public path: string,
    private fh: FileHandle,
    stats: Stats,
    private readonly options: DurableAppenderOptions,
  ) {
    this.size = stats.size
    this.identity = { dev: stats.dev, ino: stats.ino }
  }

  static async open(path: string, options: DurableAppenderOptions = {}): Promise<DurableAppender> {
    const fh = await open(path, 'a+', PRIVATE_FILE_MODE)
    const stats = await fh.stat()
    // A file an older version created readable by others is tightened (not on Windows: no such bits).
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) await fh.chmod(PRIVATE_FILE_MODE)
    return new DurableAppender(path, fh, stats, options)
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
      this.fh = await open(path, 'a+', PRIVATE_FILE_MODE)
      this.path = path
      this.noteIdentity(await this.fh.stat())
    }
  }

  /**
   * Inside exclusive() and the cross-process lock: catches up with what other processes wrote since
   * this one last did (appended lines, or a file they put at the path), telling the owner.
   */
  async followPeersLocked(): Promise<void> {
    if (!this.options.onPeerWrites) return
    const found = statPath(this.path)
    if (!found) return
    if (found.dev === this.identity.dev && found.ino === this.identity.ino) {
      if (found.size <= this.size) return
      const end = await this.cutTornTail(found.size)
      if (end <= this.size) return
      const from = this.size
      await this.options.onPeerWrites({ from, to: end, reset: false })
      this.size = end
      return
    }
    if (!(await this.options.isPeerReplacement?.(this.identity))) return
    await this.fh.close()
    this.fh = await open(this.path, 'a+', PRIVATE_FILE_MODE)
    const stats = await this.fh.stat()
    this.identity = { dev: stats.dev, ino: stats.ino }
    this.lineBreakFirst = false
    const end = await this.cutTornTail(stats.size)
    await this.options.onPeerWrites({ from: 0, to: end, reset: true })
    this.size = end
  }

  /** The file's end once a line another process left unfinished is set aside (its size when there is none). */
  private async cutTornTail(size: number): Promise<number> {
    if (!this.options.setAsideTornTail || size === 0 || (await this.endsWithNewline(size))) return size
    await this.options.setAsideTornTail()
    return (await this.fh.stat()).size
  }

  /**
   * Inside exclusive(): makes sure the path still names the file written so far, at least as long as
   * what was written. Runs before every batch; cheap (one stat).
   */
  async checkFileLocked(): Promise<void> {
    const found = statPath(this.path)
    const oldInode = this.identity.ino
    if (found && found.dev === this.identity.dev && found.ino === this.identity.ino) {
      if (found.size >= this.size) return
      const expectedBytes = this.size
      this.size = found.size
      // A cut inside a line: end that fragment, so the next line is not glued to it.
      if (found.size > 0 && !(await this.endsWithNewline(found.size))) this.lineBreakFirst = true
      this.options.onFileChanged?.({ kind: 'truncated', path: this.path, inode: oldInode, expectedBytes, foundBytes: found.size })
      return
    }
    const setAsidePath = found ? `${this.path}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}` : undefined
    if (setAsidePath) await rename(this.path, setAsidePath)
    const restoredBytes = await this.rebuildAtPath()
    const newInode = this.identity.ino
    if (found && setAsidePath) {
      this.options.onFileChanged?.({
        kind: 'replaced',
        path: this.path,
        oldInode,
        newInode,
        foundBytes: found.size,
        setAsidePath,
        restoredBytes,
      })
    } else {
      this.options.onFileChanged?.({ kind: 'missing', path: this.path, oldInode, newInode, restoredBytes })
    }
  }

  /** Copies what the open (now unlinked) file holds into a new file at the path, and appends there. */
  private async rebuildAtPath(): Promise<number> {
    const old = this.fh
    const fresh = await open(this.path, 'wx', PRIVATE_FILE_MODE)
    let copied = 0
    try {
      const buf = Buffer.alloc(COPY_CHUNK)
      for (;;) {
        const { bytesRead } = await old.read(buf, 0, buf.length, copied)
        if (bytesRead === 0) break
        let offset = 0
        while (offset < bytesRead) offset += (await fresh.write(buf, offset, bytesRead - offset)).bytesWritten
        copied += bytesRead
      }
      await fresh.sync()
    } finally {
      await fresh.close()
    }
    await syncDirectory(dirname(this.path))
    await old.close()
    this.fh = await open(this.path, 'a+', PRIVATE_FILE_MODE)
    this.noteIdentity(await this.fh.stat())
    return copied
  }

  private async endsWithNewline(size: number): Promise<boolean> {
    const last = Buffer.alloc(1)
    await this.fh.read(last, 0, 1, size - 1)
    return last[0] === 10
  }

  private noteIdentity(stats: Stats): void {
    this.size = stats.size
    this.identity = { dev: stats.dev, ino: stats.ino }
  }

  /**
   * Inside exclusive() (and the cross-process lock, when there is one): writes what is queued now. The
   * queue is taken before the first await, so a caller that notes its own state in the same tick knows
   * exactly what the file holds afterwards.
   */
  writeQueuedLocked(): Promise<void> {
    return this.drain(true, true)
  }

  /** Whether the file at the path is no longer the one (and the size) this process last wrote or read: one stat, no lock. */
  async changedOnDisk(): Promise<boolean> {
    const found = await stat(this.path).catch(() => undefined)
    return !found || found.ino !== this.identity.ino || found.dev !== this.identity.dev || found.size !== this.size
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

  /** haveLock: called inside the cross-process lock already (writeQueuedLocked). */
  private async drain(rethrow = false, haveLock = false): Promise<void> {
    const waiters = this.waiters
    this.waiters = []
    const data = Buffer.concat(this.pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))
    this.pending = []
    this.pendingBytes = 0
    let started = false
    try {
      const write = async (): Promise<void> => {
        started = true
        // Nothing to write: no need to look at (or take a lock for) the file, only to make it durable.
        if (data.length > 0) {
          await this.followPeersOrRequeue(data)
          await this.checkFileOrRequeue(data)
          await this.writeAll(this.withLineBreakFirst(data))
        }
        if (waiters.some((w) => w.sync)) await this.fh.sync()
      }
      await (this.options.lock && !haveLock && data.length > 0 ? this.options.lock.run(write) : write())
      for (const w of waiters) w.resolve()
    } catch (error) {
      // The lock was not had (another process kept it): the batch waits for the next try.
      if (!started) {
        this.pending.unshift(data)
        this.pendingBytes += data.length
      }
      for (const w of waiters) w.reject(error)
      if (rethrow) throw error
    }
  }

  private async followPeersOrRequeue(data: Buffer): Promise<void> {
    try {
      await this.followPeersLocked()
    } catch (error) {
      this.pending.unshift(data)
      this.pendingBytes += data.length
      throw error
    }
  }

  /** Runs the file check; if it fails, the batch goes back to the front of the queue. */
  private async checkFileOrRequeue(data: Buffer): Promise<void> {
    try {
      await this.checkFileLocked()
    } catch (error) {
      this.pending.unshift(data)
      this.pendingBytes += data.length
      throw error
    }
  }

  /** The batch, after a newline when the check found the file cut inside a line. */
  private withLineBreakFirst(data: Buffer): Buffer {
    if (!this.lineBreakFirst || data.length === 0) return data
    this.lineBreakFirst = false
    return Buffer.concat([Buffer.from('\n'), data])
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
