import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { JobView } from '../../../shared/api'
import { api } from '../api'
import { upsertJob, type JobAction } from '../features/jobs/jobWords'
import { queryKeys } from '../queryClient'
import { useActionError } from '../ui/frame/actionErrorStore'

const METHOD = { pause: 'jobs.pause', resume: 'jobs.resume', cancel: 'jobs.cancel', retry: 'jobs.retry' } as const

/** Pause, resume, cancel or retry one job; the answer goes into the list at once. */
export function useJobControl() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ action, id }: { action: JobAction; id: string }) => api.call(METHOD[action], { id }),
    onSuccess: (job) => queryClient.setQueryData<JobView[]>(queryKeys.jobs, (jobs) => (jobs ? upsertJob(jobs, job) : jobs)),
  })
}

/** Resumes interrupted jobs (all, or those named); a refusal shows in the frame's error panel. */
export function useResumeAll() {
  const queryClient = useQueryClient()
  const report = useActionError((state) => state.show)
  return useMutation({
    mutationFn: (ids?: string[]) => api.call('jobs.resumeAll', ids ? { ids } : {}),
    onSuccess: (resumed) => queryClient.setQueryData<JobView[]>(queryKeys.jobs, (jobs) => (jobs ? resumed.reduce(upsertJob, jobs) : jobs)),
    onError: (error) => report('Could not resume the interrupted jobs', error),
  })
}
