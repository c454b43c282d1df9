import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type { PromptBatchView, PromptUploadView } from '../../../../shared/contract/prompts'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'
import { newerUpload } from './promptWords'

export const promptKeys = {
  batches: ['prompts', 'batches'] as const,
  settings: ['prompts', 'settings'] as const,
  library: (name: string, pageNumber: number) => ['prompts', 'library', name, pageNumber] as const,
}

/**
 * The newest view of every upload seen on the signal: a list answer travels on another channel and
 * may be older than a signal that came before it, so each of its items is kept only if it is newer.
 */
const seen = new Map<string, PromptUploadView>()

function withNewest(batches: PromptBatchView[]): PromptBatchView[] {
  return batches.map((b) => ({ ...b, items: b.items.map((item) => newerUpload(seen.get(item.id), item)) }))
}

export function usePromptBatches() {
  return useQuery({ queryKey: promptKeys.batches, queryFn: async () => withNewest(await api.call('prompts.batch.list', {})) })
}

/** Upload rows change many times a second: patched in place; a new or cleared batch refetches the list. */
export function usePromptUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('prompts.upload.changed', (view) => {
    const newest = newerUpload(seen.get(view.id), view)
    seen.set(view.id, newest)
    if (!patchUpload(queryClient, newest)) void queryClient.invalidateQueries({ queryKey: promptKeys.batches })
    // A prompt or language that reached its end is in the library now.
    if (view.state === 'transcoded' || view.state === 'transcodeFailed')
      void queryClient.invalidateQueries({ queryKey: ['prompts', 'library'] })
  })
  useApiEvent('prompts.batch.changed', () => void queryClient.invalidateQueries({ queryKey: promptKeys.batches }))
}

/** False when the upload's batch is not in the cached list yet. */
function patchUpload(queryClient: QueryClient, view: PromptUploadView): boolean {
  let found = false
  queryClient.setQueryData<PromptBatchView[]>(promptKeys.batches, (batches) =>
    batches?.map((b) => {
      if (b.id !== view.batchId) return b
      found = true
      const index = b.items.findIndex((i) => i.id === view.id)
      const items = b.items.slice()
      if (index === -1) items.push(view)
      else items[index] = newerUpload(items[index], view)
      return { ...b, items }
    }),
  )
  return found
}

export function usePromptSettings() {
  return useQuery({ queryKey: promptKeys.settings, queryFn: () => api.call('prompts.settings.get', {}) })
}

export function useStartBatch() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'prompts.batch.start'>) => api.call('prompts.batch.start', input),
    onSuccess: (batch) =>
      queryClient.setQueryData<PromptBatchView[]>(promptKeys.batches, (batches) => [
        ...(batches ?? []).filter((b) => b.id !== batch.id),
        ...withNewest([batch]),
      ]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: promptKeys.batches }),
  })
}

export function useClearBatches() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('prompts.batch.clear', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: promptKeys.batches }),
  })
}

/** Failed, transcode-failed and cancelled uploads sent again (jobs.retry takes failed jobs only). */
export function useRetryUploads() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids: string[]) => api.call('prompts.upload.retry', { ids }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: promptKeys.batches }),
  })
}

export function usePromptLibrary(name: string, pageNumber: number) {
  return useQuery({
    queryKey: promptKeys.library(name, pageNumber),
    queryFn: () => api.call('prompts.list', { name, pageNumber, pageSize: 25 }),
    placeholderData: keepPreviousData,
  })
}

export function useExportPrompts() {
  return useMutation({ mutationFn: (input: MethodInput<'prompts.export'>) => api.call('prompts.export', input) })
}
