/** The shapes of the durable job store and runner. */
import type { JobProgress, JobState, JobView } from '../../../shared/api'
import type { AppErrorData } from '../../../shared/errors'

export interface StoredJob<P = unknown, C = unknown> {
  id: string
  kind: string
  title: string
  state: JobState
  params: P
  checkpoint?: C
  progress: JobProgress
  error?: AppErrorData
  /** When a 'scheduled' job is due (ISO time); kept in the journal so the wait survives restarts. */
  runAt?: string
  attempts: number
  createdAt: string
  updatedAt: string
  /** The process that queued or runs it (the app and the command line share the journal). */
  owner?: { pid: number; run: string }
}

/** Fields a state change may set; id, kind and createdAt never change. */
export type JobPatch = Partial<Pick<StoredJob, 'title' | 'state' | 'checkpoint' | 'progress' | 'error' | 'attempts' | 'runAt' | 'owner'>>

export interface JobStoreStartupReport {
  /** A torn last journal line (kill -9 mid-write), set aside in its own file. */
  tornTail?: { path: string; bytes: number }
  /** Damaged lines in the middle of the journal, skipped; the original journal is kept at backupPath. */
  damaged?: { lines: number[]; backupPath: string }
  /** Jobs that were queued or running when the app stopped: now 'interrupted'. */
  interrupted: string[]
  /** Finished jobs older than the retention period, removed from the journal. */
  pruned: number
  /** Journal lines replayed before compaction. */
  replayedLines: number
}

export interface JobStore {
  path: string
  startupReport: JobStoreStartupReport
  list(): StoredJob[]
  get(id: string): StoredJob | undefined
  /** Adds or replaces a job; durable (fsynced) when it resolves. */
  put(job: StoredJob): Promise<StoredJob>
  /** Changes a job. durable: fsync before resolving (state changes, checkpoints); else batched. */
  patch(id: string, patch: JobPatch, opts?: { durable?: boolean }): Promise<StoredJob>
  remove(id: string): Promise<void>
  /** Writes and fsyncs anything batched. */
  flush(): Promise<void>
  /** Rewrites the journal as one line per job (temp file + rename). */
  compact(): Promise<void>
  /** Reads what other processes on the data folder wrote to the journal since (cheap when nothing). */
  refresh(): Promise<void>
  /**
   * Changes a job only if `canTake` still holds once every other process's changes are read, in one
   * take of the cross-process lock (so two processes never both start or resume one job); durable.
   */
  claim(id: string, canTake: (job: StoredJob) => boolean, patch: JobPatch): Promise<StoredJob | undefined>
  close(): Promise<void>
}

export interface JobContext {
  signal: AbortSignal
  progress(p: JobProgress): void
  /** Persists the checkpoint durably; resumed runs get it back in job.checkpoint. */
  checkpoint(c: unknown): Promise<void>
  /**
   * Asks for another run at `at` once this one returns without error: the job then waits as
   * 'scheduled' (persisted, surviving restarts) instead of ending 'done'.
   */
  runAgainAt(at: Date): void
}

/**
 * Does the work of one job. When ctx.signal aborts (cancel, pause, shutdown) it stops soon, by
 * throwing or returning; the runner then records the state that was asked for. Work already done is
 * known to a later run only through checkpoints, so a step between two checkpoints may run again
 * after a crash or pause: make each step safe to repeat.
 */
export type JobHandler = (job: StoredJob, ctx: JobContext) => Promise<void>

/** What the runner knows of a kind declared with defineJobKind (jobKind.ts). */
export interface JobKind {
  kind: string
  concurrency: number
  handler: JobHandler
  /** Why a stored job of this kind cannot run (params or checkpoint fail the kind's schema), or undefined. */
  damage(job: StoredJob): string | undefined
  /** Jobs interrupted by a stop are scheduled to run again at start, without waiting for "Resume all". */
  resumeAfterRestart?: boolean
  /** Background work (e.g. a status check between long waits): not counted as a running job by the quit guard. */
  background?: boolean
  /** Why this kind cannot be paused, in words for the admin; omit when it can. */
  pauseRefusal?: string
}

export interface SubmitOptions {
  /** Wait until this time before the first run (the job is 'scheduled' until then). */
  runAt?: Date
}

export interface JobRunnerOptions {
  store: JobStore
  /** Kinds declared with defineJobKind: handler, concurrency and stored-job validation. */
  kinds?: JobKind[]
  /** Plain handlers without validation (tests); kinds take precedence. */
  handlers?: Record<string, JobHandler>
  /** For handlers: a number applies to each kind separately; kinds missing from a record run one at a time. */
  concurrency?: Record<string, number> | number
  onChange?: (job: JobView) => void
  now?: () => Date
  /**
   * How long cancel(), pause() and close() wait for a running handler to stop after its signal is
   * aborted before recording the new state anyway (default 10 s).
   */
  stopGraceMs?: number
  /** The longest single wait of the scheduling timer (default 15 min): a clock change is noticed by then. */
  maxTimerMs?: number
}

export interface JobRunner {
  submit<P>(kind: string, title: string, params: P, opts?: SubmitOptions): Promise<StoredJob<P>>
  /** Moves a scheduled job to another time (e.g. sooner after a clock change). */
  reschedule(id: string, runAt: Date): Promise<StoredJob>
  /**
   * Checks every stored job against its kind (damaged ones become failed with 'job_damaged'),
   * schedules interrupted jobs of resumeAfterRestart kinds, and starts the scheduling timer.
   */
  start(): Promise<{ damaged: string[] }>
  cancel(id: string): Promise<StoredJob>
  pause(id: string): Promise<StoredJob>
  resume(id: string): Promise<StoredJob>
  resumeInterrupted(ids?: string[]): Promise<StoredJob[]>
  list(): JobView[]
  get(id: string): JobView | undefined
  /** Reads what other processes on the data folder changed in the journal (before list/get). */
  refresh(): Promise<void>
  /** Jobs whose handler runs now, background kinds excepted; scheduled jobs that wait are never counted. */
  running(): number
  setConcurrency(kind: string, n: number): void
  idle(): Promise<void>
  close(): Promise<void>
}
