import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AuditFilter, AuditSettings } from '../../../../shared/contract/audit'
import { api } from '../../api'
import { filterKey } from './auditWorkspace'

export const auditKeys = {
  all: ['audit'] as const,
  metrics: (filter: AuditFilter) => ['audit', 'metrics', filterKey(filter)] as const,
  menus: ['audit', 'menus'] as const,
  segments: ['audit', 'segments'] as const,
  settings: ['audit', 'settings'] as const,
  exports: ['audit', 'exports'] as const,
}

/** Figures per workflow and activity over time for the filtered entries. */
export function useAuditMetrics(filter: AuditFilter, enabled = true) {
  return useQuery({ queryKey: auditKeys.metrics(filter), queryFn: () => api.call('audit.metrics', { filter }), enabled, staleTime: 10_000 })
}

/** The orgs and actions seen in the whole log, for the filter menus (read once in a while: it scans the log). */
export function useFilterMenus() {
  return useQuery({ queryKey: auditKeys.menus, queryFn: async () => (await api.call('audit.metrics', {})).values, staleTime: 60_000 })
}

export function useVerify() {
  return useMutation({ mutationFn: () => api.call('audit.verify', {}) })
}

export function useSegments() {
  return useQuery({ queryKey: auditKeys.segments, queryFn: () => api.call('audit.segments', {}) })
}

export function useAuditSettings() {
  return useQuery({ queryKey: auditKeys.settings, queryFn: () => api.call('audit.settings.get', {}) })
}

function useInvalidateRetention() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: auditKeys.segments }),
      queryClient.invalidateQueries({ queryKey: auditKeys.settings }),
    ])
}

export function useSaveAuditSettings() {
  const invalidate = useInvalidateRetention()
  return useMutation({ mutationFn: (settings: AuditSettings) => api.call('audit.settings.set', settings), onSettled: invalidate })
}

export function useRotate() {
  const invalidate = useInvalidateRetention()
  return useMutation({ mutationFn: () => api.call('audit.rotate', {}), onSettled: invalidate })
}

export function useArchive() {
  const invalidate = useInvalidateRetention()
  return useMutation({
    mutationFn: (keepClosedSegments: number) => api.call('audit.archive', { keepClosedSegments }),
    onSettled: invalidate,
  })
}

export function useShowLogFolder() {
  return useMutation({ mutationFn: () => api.call('audit.show', { target: 'logFolder' }) })
}
