import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type { UploadBatchView, UploadsSnapshot, UploadView } from '../../../../shared/contract/uploads'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'
import { ChangesDuringList, type SnapshotChange } from './changesDuringList'

export const uploadKeys = { list: ['uploads', 'list'] as const }

/** One cache, so one record of the changes a list answer may predate. */
const changesDuringList = new ChangesDuringList()

export function useUploadsList() {
  return useQuery({ queryKey: uploadKeys.list, queryFn: () => changesDuringList.list(() => api.call('uploads.list', {})) })
}

/** Rows and batch summaries change in the core many times a second: patch them in place, no refetch. */
export function useUploadUpdates() {
  const queryClient = useQueryClient()
  const patch = (change: SnapshotChange) => patchList(queryClient, change)
  useApiEvent('upload.changed', (row) => patch((s) => ({ ...s, rows: upsertRow(s.rows, row) })))
  useApiEvent('upload.batchChanged', (batch) => patch((s) => ({ ...s, batches: upsertBatch(s.batches, batch) })))
  useApiEvent('upload.removed', ({ ids, batchIds }) => {
    const gone = new Set(ids)
    const goneBatches = new Set(batchIds)
    patch((s) => ({ ...s, rows: s.rows.filter((r) => !gone.has(r.id)), batches: s.batches.filter((b) => !goneBatches.has(b.id)) }))
  })
}

/** Changes the cached list in place; a list answer still on its way gets the change too. */
function patchList(queryClient: QueryClient, change: SnapshotChange): void {
  changesDuringList.note(change)
  queryClient.setQueryData<UploadsSnapshot>(uploadKeys.list, (snapshot) => (snapshot ? change(snapshot) : snapshot))
}

function upsertRow(rows: UploadView[], row: UploadView): UploadView[] {
  const index = rows.findIndex((r) => r.id === row.id)
  if (index === -1) return [...rows, row]
  const next = rows.slice()
  next[index] = row
  return next
}

function upsertBatch(batches: UploadBatchView[], batch: UploadBatchView): UploadBatchView[] {
  const index = batches.findIndex((b) => b.id === batch.id)
  if (index === -1) return [...batches, batch]
  const next = batches.slice()
  next[index] = batch
  return next
}

type RowAction = 'uploads.pause' | 'uploads.resume' | 'uploads.cancel' | 'uploads.retry'

/** Pause, resume, cancel or retry: all rows (no ids) or the given ones. */
export function useRowAction(method: RowAction) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids?: string[]) => api.call(method, ids ? { ids } : {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: uploadKeys.list }),
  })
}

export function useClearFinished() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('uploads.clear', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: uploadKeys.list }),
  })
}

export function useStartUpload() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'uploads.start'>) => api.call('uploads.start', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: uploadKeys.list }),
  })
}

export function useSaveUploadSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'uploads.settings.set'>) => api.call('uploads.settings.set', input),
    onSuccess: (settings) => patchList(queryClient, (s) => ({ ...s, settings })),
  })
}
