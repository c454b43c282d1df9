// What a job looks like to the screens: one shape for every workflow's jobs.
import { z } from 'zod'
import type { AppErrorData } from '../errors'

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
}
