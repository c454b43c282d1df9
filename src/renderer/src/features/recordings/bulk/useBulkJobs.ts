import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { BulkJobView, BulkJobCreateInput } from '../../../../../shared/contract/recordings'
import { api } from '../../../api'
import { useApiEvent } from '../../../hooks/useApiEvent'
import { replaceJob } from './replaceJob'

export const bulkKeys = {
  list: ['recordings', 'bulk', 'list'] as const,
  integrations: ['recordings', 'bulk', 'integrations'] as const,
  queues: ['recordings', 'queues'] as const,
  failed: (id: string) => ['recordings', 'bulk', 'failed', id] as const,
}

export function useBulkJobs() {
  return useQuery({ queryKey: bulkKeys.list, queryFn: () => api.call('recordings.bulk.list', {}) })
}

/** A job the core follows changed: the signal carries its view, put in place without asking the org again. */
export function useBulkJobUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('recordings.bulk.changed', (view) => {
    queryClient.setQueryData<BulkJobView[]>(bulkKeys.list, (list) => (list ? replaceJob(list, view) : list))
    if (view.state === 'FULFILLED') void queryClient.invalidateQueries({ queryKey: bulkKeys.failed(view.id) })
  })
}

export function useS3Integrations(enabled: boolean) {
  return useQuery({ queryKey: bulkKeys.integrations, queryFn: () => api.call('recordings.bulk.integrations', {}), enabled })
}

/** The org's queues for the filter; when they cannot be read the form offers no queue filter. */
export function useQueueOptions() {
  return useQuery({ queryKey: bulkKeys.queues, queryFn: () => api.call('recordings.queues', {}), retry: false })
}

function useJobMutation<I>(run: (input: I) => Promise<BulkJobView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: (view) => queryClient.setQueryData<BulkJobView[]>(bulkKeys.list, (list) => replaceJob(list ?? [], view)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulkKeys.list }),
  })
}

export const useCreateBulkJob = () => useJobMutation((input: BulkJobCreateInput) => api.call('recordings.bulk.create', input))
export const useExecuteBulkJob = () =>
  useJobMutation((input: { id: string; confirmation?: string }) => api.call('recordings.bulk.execute', input))
export const useCancelBulkJob = () => useJobMutation((id: string) => api.call('recordings.bulk.cancel', { id }))

/** The failed recordings of a job, a page of up to 100 at a time. */
export function useFailedRecordings(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: bulkKeys.failed(id),
    queryFn: ({ pageParam }) => api.call('recordings.bulk.failed', { id, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
    enabled,
  })
}
