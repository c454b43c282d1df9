import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

export const schemaKeys = {
  all: ['schemas'] as const,
  list: ['schemas', 'list'] as const,
  one: (id: string) => ['schemas', 'one', id] as const,
  versions: (id: string) => ['schemas', 'versions', id] as const,
}

export function useSchemaList() {
  return useQuery({ queryKey: schemaKeys.list, queryFn: () => api.call('schemas.list', {}) })
}

export function useSchema(id: string | undefined) {
  return useQuery({ queryKey: schemaKeys.one(id ?? ''), queryFn: () => api.call('schemas.get', { schemaId: id! }), enabled: Boolean(id) })
}

export function useSchemaVersions(id: string) {
  return useQuery({ queryKey: schemaKeys.versions(id), queryFn: () => api.call('schemas.versions', { schemaId: id }) })
}

export function useReviewProposal() {
  return useMutation({ mutationFn: (input: MethodInput<'schemas.review'>) => api.call('schemas.review', input) })
}

export function useCompareVersions() {
  return useMutation({ mutationFn: (input: MethodInput<'schemas.compare'>) => api.call('schemas.compare', input) })
}

export function useImportProposal() {
  return useMutation({
    mutationFn: async ({ file, schemaId, baseVersion }: { file: File; schemaId: string; baseVersion: number }) =>
      api.call('schemas.importProposal', { schemaId, baseVersion, path: await api.pathForFile(file) }),
  })
}

export function useExportReview() {
  return useMutation({ mutationFn: (input: MethodInput<'schemas.exportReview'>) => api.call('schemas.exportReview', input) })
}

/** Apply waits for the server: nothing is shown as applied until it answers. Then every schema query refetches. */
export function useApplyChanges() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'schemas.apply'>) => api.call('schemas.apply', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schemaKeys.all }),
  })
}

/** Another window (or the other shell) applied a change: refetch what is shown. */
export function useSchemaUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('schema.changed', () => void queryClient.invalidateQueries({ queryKey: schemaKeys.all }))
}
