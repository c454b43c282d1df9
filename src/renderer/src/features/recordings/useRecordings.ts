import { replaceEqualDeep, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { MethodInput } from '../../../../shared/api'
import type { DownloadView, RecordingFindView, RecordingPolicy } from '../../../../shared/contract/recordings'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'
import { mergeDownloadList, upsertDownload } from './downloadViews'
import { newerFindView } from './findViews'

export const recordingKeys = {
  policy: ['recordings', 'policy'] as const,
  queues: ['recordings', 'queues'] as const,
  find: (id: string) => ['recordings', 'find', id] as const,
  latest: ['recordings', 'latestFind'] as const,
  downloads: ['recordings', 'downloads'] as const,
  transcript: (conversationId: string) => ['recordings', 'transcript', conversationId] as const,
}

export function usePolicy() {
  return useQuery({ queryKey: recordingKeys.policy, queryFn: () => api.call('recordings.policy.get', {}) })
}

export function useSavePolicy() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: MethodInput<'recordings.policy.set'>) => api.call('recordings.policy.set', patch),
    onSuccess: (policy) => queryClient.setQueryData<RecordingPolicy>(recordingKeys.policy, policy),
  })
}

export function useQueues() {
  return useQuery({ queryKey: recordingKeys.queues, queryFn: () => api.call('recordings.queues', {}), staleTime: 5 * 60_000 })
}

export function useParseIds() {
  return useMutation({ mutationFn: (text: string) => api.call('recordings.ids.parse', { text }) })
}

/** Every view of a find (an answer or a signal) is put in the cache through here: the newest stays. */
function putFindView(queryClient: QueryClient, view: RecordingFindView): void {
  queryClient.setQueryData<RecordingFindView>(recordingKeys.find(view.id), (current) => newerFindView(current, view))
}

/** One find, kept live by recordings.find.changed (see useRecordingUpdates). */
export function useFindView(id: string | null) {
  return useQuery({
    queryKey: recordingKeys.find(id ?? ''),
    queryFn: () => api.call('recordings.find.get', { id: id ?? '' }),
    enabled: id !== null,
    // A read answered after a newer signal keeps the signal's view.
    structuralSharing: (current, next) => {
      const kept = newerFindView(current as RecordingFindView | undefined, next as RecordingFindView)
      return kept === next ? replaceEqualDeep(current, next) : current
    },
  })
}

/**
 * After a reload the workspace (memory only) has no find: the core still keeps the newest one, which is
 * put back on screen. Asked once, only while no find is shown.
 */
export function useRestoreLatestFind(findId: string | null, showFind: (id: string) => void) {
  const queryClient = useQueryClient()
  const latest = useQuery({
    queryKey: recordingKeys.latest,
    queryFn: () => api.call('recordings.find.latest', {}),
    enabled: findId === null,
    staleTime: Infinity,
  })
  const found = findId === null ? latest.data?.find : undefined
  useEffect(() => {
    if (!found) return
    putFindView(queryClient, found)
    showFind(found.id)
  }, [found, queryClient, showFind])
}

export function useStartFind() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'recordings.find'>) => api.call('recordings.find', input),
    onSuccess: (view) => putFindView(queryClient, view),
  })
}

export function useCancelFind() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.call('recordings.find.cancel', { id }),
    onSuccess: (view) => putFindView(queryClient, view),
  })
}

export function useDownloads() {
  return useQuery({
    queryKey: recordingKeys.downloads,
    queryFn: () => api.call('recordings.downloads.list', {}),
    // A read answered after a newer signal keeps the signal's view of that download.
    structuralSharing: (current, next) =>
      replaceEqualDeep(current, mergeDownloadList(current as DownloadView[] | undefined, next as DownloadView[])),
  })
}

/** Finds and downloads change in the core many times a second: the signals carry the whole view, patched in place. */
export function useRecordingUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('recordings.find.changed', (view: RecordingFindView) => putFindView(queryClient, view))
  useApiEvent('recordings.download.changed', (view: DownloadView) =>
    queryClient.setQueryData<DownloadView[]>(recordingKeys.downloads, (list) => (list ? upsertDownload(list, view) : [view])),
  )
}

function useDownloadMutation<I>(call: (input: I) => Promise<DownloadView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => queryClient.setQueryData<DownloadView[]>(recordingKeys.downloads, (list) => upsertDownload(list ?? [], view)),
  })
}

export function useStartDownload() {
  return useDownloadMutation((input: MethodInput<'recordings.downloads.start'>) => api.call('recordings.downloads.start', input))
}

export function useDecide() {
  return useDownloadMutation((input: MethodInput<'recordings.downloads.decide'>) => api.call('recordings.downloads.decide', input))
}

export type DownloadControl = 'pause' | 'resume' | 'cancel' | 'retry'
const CONTROL_METHOD = {
  pause: 'recordings.downloads.pause',
  resume: 'recordings.downloads.resume',
  cancel: 'recordings.downloads.cancel',
  retry: 'recordings.downloads.retry',
} as const

export function useDownloadControl() {
  return useDownloadMutation(({ action, id }: { action: DownloadControl; id: string }) => api.call(CONTROL_METHOD[action], { id }))
}

/** Opens the file manager on a download's manifest (desktop app only: see useCanShowInFolder). */
export function useShowDownload() {
  return useMutation({ mutationFn: (id: string) => api.call('recordings.downloads.show', { id }) })
}

export function useClearDownloads() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('recordings.downloads.clear', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.downloads }),
  })
}

export function useTranscript(conversationId: string) {
  return useQuery({
    queryKey: recordingKeys.transcript(conversationId),
    queryFn: () => api.call('recordings.transcript', { conversationId }),
    staleTime: 60_000,
  })
}

export function useSaveTranscript() {
  return useMutation({ mutationFn: (input: MethodInput<'recordings.transcript.save'>) => api.call('recordings.transcript.save', input) })
}

/** Links are bearer credentials: asked for per dialog, held in the dialog's state only, never cached or persisted. */
export function useGetLink() {
  return useMutation({ mutationFn: (input: MethodInput<'recordings.link'>) => api.call('recordings.link', input) })
}
