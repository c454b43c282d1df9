// What a job looks like to the screens: one shape for every workflow's jobs.
import { z } from 'zod'
import type { AppErrorData } from '../errors'

/** Every state a job can be in; the job journal validates stored jobs against this same list. */
export const JobState = z.enum(['queued', 'running', 'paused', 'interrupted', 'done', 'failed', 'cancelled'])
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
  createdAt: string
  updatedAt: string
}
