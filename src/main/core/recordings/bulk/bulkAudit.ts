/** What a bulk job's audit entries are about: the job, or the jobs endpoint when no job was made. */
export function bulkJobTarget(jobId: string | undefined): string {
  return jobId ? `recording/jobs/${jobId}` : 'recording/jobs'
}
