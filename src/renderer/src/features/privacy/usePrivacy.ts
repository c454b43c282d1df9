import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type { PrivacyListResult, PrivacyRequestView } from '../../../../shared/contract/privacy'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

export const privacyKeys = { list: ['privacy', 'list'] as const }

export function usePrivacyList() {
  return useQuery({ queryKey: privacyKeys.list, queryFn: () => api.call('privacy.list', {}) })
}

/** A request changed in the core (a check, an import, a save): update it in place, no refetch. */
export function usePrivacyUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('privacy.request.changed', (view) => {
    queryClient.setQueryData<PrivacyListResult>(privacyKeys.list, (list) => (list ? { ...list, requests: upsert(list.requests, view) } : list))
  })
}

function upsert(requests: PrivacyRequestView[], view: PrivacyRequestView): PrivacyRequestView[] {
  const known = requests.some((r) => r.id === view.id)
  const next = known ? requests.map((r) => (r.id === view.id ? view : r)) : [view, ...requests]
  return next.sort((a, b) => Date.parse(b.createdDate) - Date.parse(a.createdDate))
}

export function useSubjectSearch() {
  return useMutation({ mutationFn: (input: MethodInput<'privacy.searchSubjects'>) => api.call('privacy.searchSubjects', input) })
}

/** Waits for the core's answer; the list refetches whether it worked or not (a lookup may have adopted one). */
export function useSubmitRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'privacy.submit'>) => api.call('privacy.submit', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: privacyKeys.list }),
  })
}

export function useRefreshFromOrg() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('privacy.refreshFromOrg', {}),
    onSuccess: (list) => queryClient.setQueryData(privacyKeys.list, list),
  })
}

export function useCheckNow() {
  return useMutation({ mutationFn: (id: string) => api.call('privacy.checkNow', { id }) })
}

export function useCheckFolder() {
  return useMutation({ mutationFn: (folder: string) => api.call('privacy.checkFolder', { folder }) })
}

export function useSaveResults() {
  return useMutation({ mutationFn: (input: MethodInput<'privacy.saveResults'>) => api.call('privacy.saveResults', input) })
}

export function useForgetRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.call('privacy.forget', { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: privacyKeys.list }),
  })
}
