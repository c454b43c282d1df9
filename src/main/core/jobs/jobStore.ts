/**
 * The durable job store: jobs live in memory and every change is one line appended to jobs.journal.
 * State changes and checkpoints are fsynced before they resolve; progress lines are batched. On open
 * the journal is replayed (a torn last line from a kill -9 is set aside and reported), jobs that were
 * queued or running become 'interrupted' (scheduled ones keep waiting), finished jobs older than the
 * retention period are pruned, and the journal is compacted to one line per job.
 *
 * Another process (the command line beside the app) may use the same journal: every write runs under
 * a cross-process lock (jobs.lock) after reading the lines the other wrote since; a compaction by the
 * other is followed by replaying its file. Jobs queued or running in a live other process are theirs
 * (jobOwner.ts): not marked interrupted here, and not taken.
 */
import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { tornFileName } from '../audit/auditFiles'
import { DurableAppender, type PeerWrites } from '../files/durableAppender'
import { FileLock } from '../files/fileLock'
import { isOwnedElsewhere } from './jobOwner'
import { scanLines } from '../audit/lineScanner'
import { setAsideTornTail } from '../audit/tornTail'
import { applyPatch, applyRecord, jsonCopy, parseJournalLine, patchRecord, putRecord, removeRecord } from './jobJournal'
import type { JobPatch, JobStore, JobStoreStartupReport, StoredJob } from './jobTypes'
import { writeFileAtomic } from '../files/writeFileAtomic'
import { ensurePrivateDir } from '../files/privateFiles'

export const JOURNAL_FILE = 'jobs.journal'
/** The lock every process using this folder's journal takes for each write (a directory). */
export const JOURNAL_LOCK = 'jobs.lock'
const BATCH_FLUSH_MS = 1000
/** Compact while running once the journal has this many lines per job (and at least MIN lines). */
const COMPACT_LINES_PER_JOB = 50
const COMPACT_MIN_LINES = 5000
/** How long a finished job stays in the journal (and the job lists) by default. */
export const DEFAULT_JOB_RETENTION_MS = 7 * 86_400_000
const FINISHED_STATES: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled'])

export interface OpenJobStoreOptions {
  dir: string
  now?: () => Date
  /** Finished jobs (done, failed, cancelled) last changed longer ago than this are pruned at open and on compaction. */
  retentionMs?: number
  /** Longest wait for the lock shared with other processes on this folder; default 10 s. */
  lockWaitMs?: number
}

export async function openJobStore(opts: OpenJobStoreOptions): Promise<JobStore> {
  const now = opts.now ?? (() => new Date())
  await ensurePrivateDir(opts.dir)
  const path = join(opts.dir, JOURNAL_FILE)
  const stamp = now()
  const report: JobStoreStartupReport = { interrupted: [], replayedLines: 0, pruned: 0 }
  const retentionMs = opts.retentionMs ?? DEFAULT_JOB_RETENTION_MS
  const lock = new FileLock({ path: join(opts.dir, JOURNAL_LOCK), what: 'the job journal', waitMs: opts.lockWaitMs })
  const ref: { store?: JournalJobStore } = {}
  return lock.run(async () => {
    const tornTail = await setAsideTornTail(
      path,
      join(opts.dir, tornFileName('jobs', stamp, 'journal')),
      (l) => parseJournalLine(l) !== undefined,
    )
    if (tornTail) report.tornTail = tornTail

    const jobs = new Map<string, StoredJob>()
    const damaged: number[] = []
    await scanLines(path, {}, (buf, start, end) => {
      report.replayedLines += 1
      const record = parseJournalLine(buf.toString('utf8', start, end))
      if (!record || !applyRecord(jobs, record)) damaged.push(report.replayedLines)
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    if (damaged.length > 0) {
      const backupPath = join(opts.dir, `${JOURNAL_FILE}.damaged-${stamp.toISOString().replace(/[:.]/g, '-')}`)
      await copyFile(path, backupPath)
      report.damaged = { lines: damaged, backupPath }
    }

    for (const job of jobs.values()) {
      if ((job.state === 'running' || job.state === 'queued') && !isOwnedElsewhere(job)) {
        jobs.set(job.id, { ...job, state: 'interrupted', updatedAt: stamp.toISOString() })
        report.interrupted.push(job.id)
      }
    }

    report.pruned = pruneFinished(jobs, stamp.getTime() - retentionMs)
    await writeSnapshot(path, jobs)
    const appender = await DurableAppender.open(path, {
      lock,
      onPeerWrites: async (writes) => ref.store?.replay(writes),
      // Only Switchboard renames a journal over this one (a compaction, or a start-up of another process).
      isPeerReplacement: async () => true,
      // Another process was killed mid-write: its torn line is set aside as at start-up, so the next line is whole.
      setAsideTornTail: async () => {
        const torn = await setAsideTornTail(
          path,
          join(opts.dir, tornFileName('jobs', new Date(), 'journal')),
          (l) => parseJournalLine(l) !== undefined,
        )
        if (torn) console.error(`[jobs] An incomplete journal line another process left was set aside: ${torn.path} (${torn.bytes} bytes).`)
      },
    })
    ref.store = new JournalJobStore(path, appender, lock, jobs, now, retentionMs, report)
    return ref.store
  })
}

/** Removes finished jobs last changed before `before` (ms); unfinished and scheduled jobs always stay. */
function pruneFinished(jobs: Map<string, StoredJob>, before: number): number {
  let pruned = 0
  for (const [id, job] of jobs) {
    if (FINISHED_STATES.has(job.state) && Date.parse(job.updatedAt) < before) {
      jobs.delete(id)
      pruned += 1
    }
  }
  return pruned
}

/** One put line per job, replacing the journal atomically. */
function writeSnapshot(path: string, jobs: Map<string, StoredJob>): Promise<void> {
  return writeFileAtomic(path, [...jobs.values()].map(putRecord).join(''))
}

class JournalJobStore implements JobStore {
  private linesSinceCompaction = 0
  private timer: NodeJS.Timeout | undefined
  private compacting: Promise<void> | undefined
  private closed = false

  constructor(
    readonly path: string,
    private readonly appender: DurableAppender,
    private readonly lock: FileLock,
    private readonly jobs: Map<string, StoredJob>,
    private readonly now: () => Date,
    private readonly retentionMs: number,
    readonly startupReport: JobStoreStartupReport,
  ) {}

  list(): StoredJob[] {
    return [...this.jobs.values()]
  }

  get(id: string): StoredJob | undefined {
    return this.jobs.get(id)
  }

  async put(job: StoredJob): Promise<StoredJob> {
    const stored = jsonCopy(job)
    this.jobs.set(stored.id, stored)
    await this.append(putRecord(stored), true)
    return stored
  }

  async patch(id: string, patch: JobPatch, opts: { durable?: boolean } = {}): Promise<StoredJob> {
    const job = this.jobs.get(id)
    if (!job) throw notFound(id)
    const at = this.now().toISOString()
    const next = applyPatch(job, patch, at)
    this.jobs.set(id, next)
    await this.append(patchRecord(id, patch, at), opts.durable ?? true)
    return next
  }

  async remove(id: string): Promise<void> {
    if (!this.jobs.delete(id)) throw notFound(id)
    await this.append(removeRecord(id), true)
  }

  flush(): Promise<void> {
    return this.appender.flush(true)
  }

  async refresh(): Promise<void> {
    if (this.closed || !(await this.appender.changedOnDisk())) return
    await this.appender.exclusive(() => this.lock.run(() => this.appender.followPeersLocked()))
  }

  claim(id: string, canTake: (job: StoredJob) => boolean, patch: JobPatch): Promise<StoredJob | undefined> {
    return this.appender
      .exclusive(() =>
        this.lock.run(async () => {
          await this.appender.followPeersLocked()
          const job = this.jobs.get(id)
          if (!job || !canTake(job)) return undefined
          const at = this.now().toISOString()
          const next = applyPatch(job, patch, at)
          this.jobs.set(id, next)
          this.linesSinceCompaction += 1
          this.appender.enqueue(patchRecord(id, patch, at))
          await this.appender.writeQueuedLocked()
          await this.appender.syncLocked()
          return next
        }),
      )
      .catch((error: unknown) => {
        throw writeError(this.path, error)
      })
  }

  /** Under the lock: applies the lines another process wrote (all of them when it replaced the file). */
  async replay({ from, to, reset }: PeerWrites): Promise<void> {
    if (reset) this.jobs.clear()
    await scanLines(this.path, { start: from, end: to }, (buf, start, end) => {
      const record = parseJournalLine(buf.toString('utf8', start, end))
      if (record) applyRecord(this.jobs, record)
    })
  }

  compact(): Promise<void> {
    this.compacting ??= this.appender
      .exclusive(() =>
        this.lock.run(async () => {
          await this.appender.followPeersLocked()
          pruneFinished(this.jobs, this.now().getTime() - this.retentionMs)
          // Everything queued is already in memory, so the snapshot covers it.
          const snapshot = new Map(this.jobs)
          this.appender.discardPending()
          await this.appender.reopen(this.path, () => writeSnapshot(this.path, snapshot))
          this.linesSinceCompaction = 0
        }),
      )
      .finally(() => {
        this.compacting = undefined
      })
    return this.compacting
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    await this.compacting
    await this.appender.close()
  }

  private async append(line: string, durable: boolean): Promise<void> {
    if (this.closed)
      throw new AppError({
        code: 'internal',
        message: 'The job store is closed.',
        hint: 'This is a bug in Switchboard: a job changed after shutdown.',
      })
    this.linesSinceCompaction += 1
    if (this.linesSinceCompaction > Math.max(COMPACT_MIN_LINES, this.jobs.size * COMPACT_LINES_PER_JOB)) void this.compact()
    if (durable) {
      await this.appender.write(line, true).catch((error: unknown) => {
        throw writeError(this.path, error)
      })
      return
    }
    this.appender.enqueue(line)
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      this.appender.flush(false).catch(() => undefined)
    }, BATCH_FLUSH_MS).unref()
  }
}

function notFound(id: string): AppError {
  return new AppError({ code: 'not_found', message: `No job with id ${id}.`, hint: 'The job may have been removed; refresh the job list.' })
}

function writeError(path: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error)
  return new AppError({
    code: 'file',
    message: `Could not save the job journal ${path}: ${message}`,
    hint: 'Check that the disk has free space and the data folder is writable.',
  })
}
