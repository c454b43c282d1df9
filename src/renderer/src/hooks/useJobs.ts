import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { queryKeys } from '../queryClient'

/** Every job of every workflow, newest first; kept live by job.progress (see useLiveUpdates). */
export function useJobs(enabled = true) {
  return useQuery({ queryKey: queryKeys.jobs, queryFn: () => api.call('jobs.list', {}), enabled })
}
