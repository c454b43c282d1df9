import type { JobState, JobView } from '../../../../shared/api'
import { formatBytes } from '../../../../shared/format'
import { formatSeconds, formatTime } from '../../ui/format'
import type { ProgressTone } from '../../ui/ProgressBar'

/** Pure wording and rules of the Jobs panel, kept apart so they can be unit-tested. */
export const JOB_STATE_WORDS: Record<JobState, string> = {
  queued: 'Queued',
  scheduled: 'Waiting',
  running: 'Running',
  paused: 'Paused',
  interrupted: 'Interrupted',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** A word for every kind the core registers (a unit test finds the kinds in the core's sources). */
export const KIND_WORDS: Record<string, string> = {
  'recording.upload': 'Recording upload',
  'recordings.download': 'Recording download',
  'recordings.bulk.follow': 'Bulk job check',
  'audit.export': 'Audit log export',
  'privacy.track': 'Privacy request check',
  'flows.archive': 'Flow archive',
  'flows.export': 'Flow export',
  'flows.remote.deliver': 'Remote archive copy',
  'prompts.upload': 'Prompt upload',
}

/** "Recording upload"; a kind this screen has no word for is shown as it is. */
export function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind
}

export const UNFINISHED_JOB_STATES: JobState[] = ['queued', 'scheduled', 'running', 'paused', 'interrupted']

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry'

/** The controls a row offers: only those the core accepts for this job's state and kind. */
export function jobActions(job: Pick<JobView, 'state' | 'canPause'>): JobAction[] {
  switch (job.state) {
    case 'queued':
    case 'running':
      return job.canPause === false ? ['cancel'] : ['pause', 'cancel']
    case 'paused':
    case 'interrupted':
      return ['resume', 'cancel']
    case 'scheduled':
      return ['cancel']
    case 'failed':
      return ['retry']
    default:
      return []
  }
}

export function jobPercent(job: Pick<JobView, 'state' | 'progress'>): number | undefined {
  if (job.state === 'done') return 100
  const { doneBytes, totalBytes } = job.progress
  if (doneBytes === undefined || !totalBytes) return undefined
  return Math.min(100, Math.round((doneBytes / totalBytes) * 100))
}

/** "Uploading · 1.2 MB of 3 MB · 850 KB/s · 3 s left"; only the parts that are known. */
export function jobProgressText(job: Pick<JobView, 'state' | 'progress' | 'runAt'>): string {
  const { step, doneBytes, totalBytes, bytesPerSecond, etaSeconds } = job.progress
  const parts: string[] = []
  if (job.state === 'scheduled' && job.runAt) parts.push(`Next run ${formatTime(job.runAt)}`)
  if (step && job.state === 'running') parts.push(step.charAt(0).toUpperCase() + step.slice(1))
  if (doneBytes !== undefined && totalBytes) parts.push(`${formatBytes(doneBytes)} of ${formatBytes(totalBytes)}`)
  else if (doneBytes) parts.push(formatBytes(doneBytes))
  if (job.state === 'running' && bytesPerSecond) {
    parts.push(`${formatBytes(Math.round(bytesPerSecond))}/s`)
    if (etaSeconds !== undefined) parts.push(`${formatSeconds(etaSeconds)} left`)
  }
  return parts.join(' · ')
}

export function jobTone(state: JobState): ProgressTone {
  if (state === 'done') return 'done'
  if (state === 'failed') return 'failed'
  if (state === 'running' || state === 'queued') return 'active'
  return 'idle'
}

export type JobFilter = 'all' | 'unfinished' | 'failed'

export function filterJobs(jobs: JobView[], filter: JobFilter): JobView[] {
  if (filter === 'unfinished') return jobs.filter((j) => UNFINISHED_JOB_STATES.includes(j.state))
  if (filter === 'failed') return jobs.filter((j) => j.state === 'failed')
  return jobs
}

/** Newest first, the way the core lists them; a job seen only through an event is placed the same way. */
export function upsertJob(jobs: JobView[], job: JobView): JobView[] {
  const index = jobs.findIndex((j) => j.id === job.id)
  if (index >= 0) return jobs.map((j, i) => (i === index ? job : j))
  return [job, ...jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
