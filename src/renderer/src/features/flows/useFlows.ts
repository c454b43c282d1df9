import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type {
  ArchiveView,
  ExportView,
  FlowArchiveSettings,
  FlowList,
  FlowListInput,
  FlowVersions,
  RemoteArchiveSettings,
} from '../../../../shared/contract/flows'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'
import { withRunList, withRunView } from './runViews'

export const flowKeys = {
  list: (input: FlowListInput) => ['flows', 'list', input] as const,
  versions: (flowId: string) => ['flows', 'versions', flowId] as const,
  settings: ['flows', 'settings'] as const,
  archives: ['flows', 'archives'] as const,
  exports: ['flows', 'exports'] as const,
  remote: ['flows', 'remote'] as const,
}

export function useFlowList(input: FlowListInput) {
  return useQuery({ queryKey: flowKeys.list(input), queryFn: () => api.call('flows.list', input), staleTime: 30_000 })
}

/** A flow's whole history (every page read by the core); fetched when the flow is opened. */
export function useFlowVersions(flowId: string | null) {
  return useQuery({
    queryKey: flowKeys.versions(flowId ?? ''),
    queryFn: () => api.call('flows.versions', { flowId: flowId ?? '' }),
    enabled: flowId !== null,
    staleTime: 30_000,
    // A 403 (a division this client may not read) will not change on a second ask.
    retry: false,
  })
}

export function useFlowSettings() {
  return useQuery({ queryKey: flowKeys.settings, queryFn: () => api.call('flows.settings.get', {}) })
}

export function useSaveFlowSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: MethodInput<'flows.settings.set'>) => api.call('flows.settings.set', patch),
    onSuccess: (settings) => queryClient.setQueryData<FlowArchiveSettings>(flowKeys.settings, settings),
  })
}

/**
 * Archive runs and exports change in the core while they work: the signals carry the whole view. Signals,
 * starts' and lists' answers are merged by revision (runViews.ts), so an answer that crossed later
 * signals never puts a run back.
 */
export function useFlowUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('flows.archive.changed', (view: ArchiveView) =>
    queryClient.setQueryData<ArchiveView[]>(flowKeys.archives, (list) => withRunView(list, view)),
  )
  useApiEvent('flows.export.changed', (view: ExportView) =>
    queryClient.setQueryData<ExportView[]>(flowKeys.exports, (list) => withRunView(list, view)),
  )
}

export function useArchives() {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: flowKeys.archives,
    queryFn: async () => withRunList(queryClient.getQueryData<ArchiveView[]>(flowKeys.archives), await api.call('flows.archive.list', {})),
  })
}

export function useStartArchive() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'flows.archive.start'>) => api.call('flows.archive.start', input),
    onSuccess: (views) => queryClient.setQueryData<ArchiveView[]>(flowKeys.archives, (list) => views.reduce(withRunView, list ?? [])),
  })
}

export function useClearArchives() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('flows.archive.clear', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: flowKeys.archives }),
  })
}

export function useVerifyArchive() {
  return useMutation({ mutationFn: (folder: string) => api.call('flows.archive.verify', { folder }) })
}

export function useCompare() {
  return useMutation({ mutationFn: (input: MethodInput<'flows.compare'>) => api.call('flows.compare', input) })
}

export function useExports() {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: flowKeys.exports,
    queryFn: async () => withRunList(queryClient.getQueryData<ExportView[]>(flowKeys.exports), await api.call('flows.export.list', {})),
  })
}

export function useStartExport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'flows.export.start'>) => api.call('flows.export.start', input),
    onSuccess: (view) => queryClient.setQueryData<ExportView[]>(flowKeys.exports, (list) => withRunView(list, view)),
  })
}

export function useRemoteSettings() {
  return useQuery({ queryKey: flowKeys.remote, queryFn: () => api.call('flows.remote.get', {}) })
}

export function useSaveRemote() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'flows.remote.set'>) => api.call('flows.remote.set', input),
    onSuccess: (settings) => queryClient.setQueryData<RemoteArchiveSettings>(flowKeys.remote, settings),
  })
}

/** Sends (again) one archive run's copy to the remote archive; its state then arrives on the run. */
export function useSendRemote() {
  return useMutation({ mutationFn: (id: string) => api.call('flows.remote.send', { id }) })
}

/** The name of a flow the screen has already listed or opened, if any. */
export function useKnownFlowName(): (flowId: string) => string | undefined {
  const queryClient = useQueryClient()
  return (flowId) => {
    const opened = queryClient.getQueryData<FlowVersions>(flowKeys.versions(flowId))?.flow
    const listed = queryClient
      .getQueriesData<FlowList>({ queryKey: ['flows', 'list'] })
      .flatMap(([, list]) => list?.flows ?? [])
      .find((flow) => flow.id === flowId)
    return opened?.name ?? listed?.name
  }
}

/** A run names its flow once the core has read it (until then the name is the id): the name the screen knows fills the gap. */
export function useFlowNaming(): (view: ArchiveView) => ArchiveView {
  const known = useKnownFlowName()
  return (view) => {
    const name = view.flowName === view.flowId ? known(view.flowId) : undefined
    return name ? { ...view, flowName: name } : view
  }
}

/** An export names its flows once the core has read them: until then, the names the screen knows. */
export function useExportNaming(): (view: ExportView) => ExportView {
  const known = useKnownFlowName()
  return (view) => {
    if (view.flowNames.length > 0) return view
    const names = view.flowIds.map((id) => known(id))
    return names.every((name) => name !== undefined) ? { ...view, flowNames: names as string[] } : view
  }
}
