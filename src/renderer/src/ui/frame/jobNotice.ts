import type { JobState, JobView, Notice } from '../../../../shared/api'

/** The states in which a job named by the interrupted-jobs notice still needs the admin's attention there. */
const STILL_OPEN: JobState[] = ['interrupted', 'queued', 'running']

/**
 * Whether a notice about jobs is still worth showing: a notice without jobIds always is; one naming
 * jobs is, until every job it names has finished (or was paused, cancelled, cleared: then the Jobs
 * panel is where it lives). Until the job list has loaded, it stays.
 */
export function noticeStillOpen(notice: Pick<Notice, 'jobIds'>, jobs: Pick<JobView, 'id' | 'state'>[] | undefined): boolean {
  if (!notice.jobIds?.length) return true
  if (!jobs) return true
  const named = new Set(notice.jobIds)
  return jobs.some((job) => named.has(job.id) && STILL_OPEN.includes(job.state))
}

/** How many of the jobs a notice names are still interrupted (what "Resume all" would resume). */
export function interruptedCount(notice: Pick<Notice, 'jobIds'>, jobs: Pick<JobView, 'id' | 'state'>[] | undefined): number {
  const named = new Set(notice.jobIds ?? [])
  return (jobs ?? []).filter((job) => named.has(job.id) && job.state === 'interrupted').length
}
