// What a job looks like to the screens: one shape for every workflow's jobs.
import { z } from 'zod'
import type { AppErrorData } from '../errors'
import { Empty, Id } from './common'
import { method } from './define'

/**
 * Every state a job can be in; the job journal validates stored jobs against this same list.
 * 'scheduled' waits for its time (runAt), survives restarts as it is, and does not count as running.
 */
export const JobState = z.enum(['scheduled', 'queued', 'running', 'paused', 'interrupted', 'done', 'failed', 'cancelled'])
export type JobState = z.infer<typeof JobState>
export interface JobProgress {
  doneBytes?: number
  totalBytes?: number
  bytesPerSecond?: number
  etaSeconds?: number
  step?: string
  /** Set while the job waits before its next attempt (after a 429, a 5xx or a network fault). */
  retry?: JobRetryWait
}
export interface JobRetryWait {
  /** The attempt that will be made next, counting the first (2 after one failure). */
  attempt: number
  maxAttempts: number
  /** When the next attempt starts (ISO time). */
  at: string
  /** Why the last attempt failed, in plain words. */
  reason: string
}
export interface JobView {
  id: string
  kind: string
  title: string
  state: JobState
  progress: JobProgress
  error?: AppErrorData
  /** When a scheduled job runs next (ISO time). */
  runAt?: string
  createdAt: string
  updatedAt: string
  /** False when the job's kind cannot pause (jobs.pause refuses it); set on jobs.* answers and job.progress. */
  canPause?: boolean
}

/** Without ids: every interrupted job. */
export const JobIds = z.object({ ids: z.array(z.string().min(1).max(200)).max(10_000).optional() }).strict()

/**
 * The generic job controls, one set for every workflow's jobs (the Jobs panel uses only these). Each
 * refuses, with a plain AppError, a job whose state or kind does not allow it.
 */
export const jobMethods = {
  'jobs.list': method<typeof Empty, JobView[]>(Empty),
  'jobs.cancel': method<typeof Id, JobView>(Id),
  /** Queued or running jobs of a kind that can pause; it continues from its last checkpoint on resume. */
  'jobs.pause': method<typeof Id, JobView>(Id),
  /** A paused or interrupted job. */
  'jobs.resume': method<typeof Id, JobView>(Id),
  /** A failed job, from its last checkpoint. */
  'jobs.retry': method<typeof Id, JobView>(Id),
  /** Resumes interrupted jobs (those stopped when Switchboard last closed); returns the resumed ones. */
  'jobs.resumeAll': method<typeof JobIds, JobView[]>(JobIds),
}
