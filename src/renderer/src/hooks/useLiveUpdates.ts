import { useEffect } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { JobView } from '../../../shared/api'
import { api } from '../api'
import { upsertJob } from '../features/jobs/jobWords'
import { queryKeys } from '../queryClient'
import { useNotices } from '../ui/frame/noticeStore'
import { useApiEvent } from './useApiEvent'

/** Feeds contract events into the query cache and the notice list, once for the whole app. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient()
  const addNotice = useNotices((state) => state.add)
  const retractNotice = useNotices((state) => state.retract)

  useApiEvent('status.changed', (snapshot) => queryClient.setQueryData(queryKeys.status, snapshot))
  useApiEvent('notice', addNotice)
  useApiEvent('notice.retracted', ({ id }) => retractNotice(id))
  // Every workflow's jobs report through job.progress: the Jobs panel and the interrupted-jobs notice read this list.
  useApiEvent('job.progress', (job) => queryClient.setQueryData<JobView[]>(queryKeys.jobs, (jobs) => (jobs ? upsertJob(jobs, job) : jobs)))
  useApiEvent('upload.removed', () => void queryClient.invalidateQueries({ queryKey: queryKeys.jobs }))

  // After the event stream was down, anything may have changed: refetch everything shown.
  useEffect(() => api.onReconnected(() => void queryClient.invalidateQueries()), [queryClient])
}
