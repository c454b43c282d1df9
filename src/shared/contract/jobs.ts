// What a job looks like to the screens: one shape for every workflow's jobs.
import type { AppErrorData } from '../errors'

export type JobState = 'queued' | 'running' | 'paused' | 'interrupted' | 'done' | 'failed' | 'cancelled'
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
