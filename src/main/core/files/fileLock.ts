/**
 * A lock shared by every process working on the data folder (the app and the command line), so the
 * audit log, the job journal and the settings are changed by one of them at a time. proper-lockfile
 * makes the lock a directory (mkdir is atomic on every OS and on network disks), refreshes its mtime
 * while held and takes over a lock whose holder died (stale). Every wait is capped: a lock held longer
 * ends in an AppError that names what is held and by which process.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import lockfile from 'proper-lockfile'
import { AppError } from '../../../shared/errors'
import { PRIVATE_FILE_MODE } from './privateFiles'

export interface FileLockOptions {
  /** The lock directory's path (created while held, e.g. `<data>/audit/audit.lock`). */
  path: string
  /** What the lock guards, in words for the error ("the audit log"). */
  what: string
  /** Give up after waiting this long; default 10 s. */
  waitMs?: number
  /** A lock not refreshed for this long belongs to a dead process and is taken over; default 10 s. */
  staleMs?: number
}

/** Who holds a lock: written beside it by the holder, read back for the error. */
interface Holder {
  pid: number
  host: string
  title: string
  since: string
}

const DEFAULT_WAIT_MS = 10_000
const DEFAULT_STALE_MS = 10_000
const FIRST_RETRY_MS = 2
const MAX_RETRY_MS = 50
/** Atomics.wait on this is a plain blocking sleep (runSync). */
const SLEEPER = new Int32Array(new SharedArrayBuffer(4))

export class FileLock {
  /** Takes in this process wait their turn here, not by polling the directory. */
  private queue: Promise<unknown> = Promise.resolve()
  private readonly waitMs: number
  private readonly staleMs: number

  constructor(private readonly options: FileLockOptions) {
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS
  }

  get path(): string {
    return this.options.path
  }

  /** Runs fn while holding the lock (waiting at most waitMs for it), and releases it after. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      const release = await this.acquire()
      try {
        return await fn()
      } finally {
        await release()
      }
    })
    this.queue = result.catch(() => undefined)
    return result
  }

  /**
   * The same, for synchronous callers (settings are read and written synchronously): waits by
   * blocking, in short sleeps, so only for short holds (a settings write), and at most waitMs.
   */
  runSync<T>(fn: () => T): T {
    const deadline = Date.now() + this.waitMs
    let delay = FIRST_RETRY_MS
    let release: (() => void) | undefined
    while (!release) {
      try {
        release = lockfile.lockSync(this.path, {
          lockfilePath: this.path,
          realpath: false,
          stale: this.staleMs,
          onCompromised: () => undefined,
        })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
        const left = deadline - Date.now()
        if (left <= 0) throw this.busyErrorFor(this.readHolderSync())
        Atomics.wait(SLEEPER, 0, 0, Math.min(delay, left))
        delay = Math.min(delay * 2, MAX_RETRY_MS)
      }
    }
    try {
      try {
        writeFileSync(this.holderPath, JSON.stringify(this.holder()), { mode: PRIVATE_FILE_MODE })
      } catch {
        // Only the error message of a waiting process is poorer without it.
      }
      return fn()
    } finally {
      release()
    }
  }

  private readHolderSync(): Partial<Holder> | undefined {
    try {
      return JSON.parse(readFileSync(this.holderPath, 'utf8')) as Partial<Holder>
    } catch {
      return undefined
    }
  }

  private async acquire(): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.waitMs
    let delay = FIRST_RETRY_MS
    for (;;) {
      try {
        const release = await lockfile.lock(this.path, {
          lockfilePath: this.path,
          realpath: false,
          stale: this.staleMs,
          retries: 0,
          // The default throws from a timer; a lost lock is reported by the next take instead.
          onCompromised: () => undefined,
        })
        await writeFile(this.holderPath, JSON.stringify(this.holder()), { mode: PRIVATE_FILE_MODE }).catch(() => undefined)
        // The holder note stays after release (one write per take, not two): it is read only while a
        // take keeps failing, when the process it names holds the lock.
        return () => release().catch(() => undefined)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      }
      const left = deadline - Date.now()
      if (left <= 0) throw await this.busyError()
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)))
      delay = Math.min(delay * 2, MAX_RETRY_MS)
    }
  }

  private get holderPath(): string {
    return `${this.path}.holder`
  }

  private holder(): Holder {
    return { pid: process.pid, host: hostname(), title: process.title, since: new Date().toISOString() }
  }

  private async busyError(): Promise<AppError> {
    const holder = await readFile(this.holderPath, 'utf8')
      .then((text) => JSON.parse(text) as Partial<Holder>)
      .catch(() => undefined)
    return this.busyErrorFor(holder)
  }

  private busyErrorFor(holder: Partial<Holder> | undefined): AppError {
    const by =
      holder?.pid !== undefined
        ? `process ${holder.pid}${holder.title ? ` (${holder.title})` : ''} on ${holder.host ?? 'this computer'} since ${holder.since ?? 'an unknown time'}`
        : 'another process'
    return new AppError({
      code: 'conflict',
      message: `${capitalise(this.options.what)} is busy: ${by} has held its lock for more than ${Math.round(this.waitMs / 1000)} s.`,
      hint: `Another Switchboard (the app or the command line) is using this data folder. Wait for it to finish and try again; if that process is gone, the lock (${this.path}) is taken over on its own after ${Math.round(this.staleMs / 1000)} s.`,
      correlationId: randomUUID(),
      details: [{ lock: this.path, ...(holder ?? {}) }],
    })
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
