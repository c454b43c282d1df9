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
  attempts: number
  createdAt: string
  updatedAt: string
}

/** Fields a state change may set; id, kind and createdAt never change. */
export type JobPatch = Partial<Pick<StoredJob, 'title' | 'state' | 'checkpoint' | 'progress' | 'error' | 'attempts'>>

export interface JobStoreStartupReport {
  /** A torn last journal line (kill -9 mid-write), set aside in its own file. */
  tornTail?: { path: string; bytes: number }
  /** Damaged lines in the middle of the journal, skipped; the original journal is kept at backupPath. */
  damaged?: { lines: number[]; backupPath: string }
  /** Jobs that were queued or running when the app stopped: now 'interrupted'. */
  interrupted: string[]
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
  close(): Promise<void>
}

export interface JobContext {
  signal: AbortSignal
  progress(p: JobProgress): void
  /** Persists the checkpoint durably; resumed runs get it back in job.checkpoint. */
  checkpoint(c: unknown): Promise<void>
}

/**
 * Does the work of one job. When ctx.signal aborts (cancel, pause, shutdown) it stops soon, by
 * throwing or returning; the runner then records the state that was asked for. Work already done is
 * known to a later run only through checkpoints, so a step between two checkpoints may run again
 * after a crash or pause: make each step safe to repeat.
 */
export type JobHandler = (job: StoredJob, ctx: JobContext) => Promise<void>

export interface JobRunnerOptions {
  store: JobStore
  handlers: Record<string, JobHandler>
  /** A number applies to each kind separately; kinds missing from a record run one at a time. */
  concurrency: Record<string, number> | number
  onChange?: (job: JobView) => void
  now?: () => Date
  /**
   * How long cancel(), pause() and close() wait for a running handler to stop after its signal is
   * aborted before recording the new state anyway (default 10 s).
   */
  stopGraceMs?: number
}

export interface JobRunner {
  submit<P>(kind: string, title: string, params: P): Promise<StoredJob<P>>
  cancel(id: string): Promise<StoredJob>
  pause(id: string): Promise<StoredJob>
  resume(id: string): Promise<StoredJob>
  resumeInterrupted(ids?: string[]): Promise<StoredJob[]>
  list(): JobView[]
  get(id: string): JobView | undefined
  running(): number
  setConcurrency(kind: string, n: number): void
  idle(): Promise<void>
  close(): Promise<void>
}
