import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

export const privacyKeys = { list: ['privacy', 'list'] as const }

export function usePrivacyList() {
  return useQuery({ queryKey: privacyKeys.list, queryFn: () => api.call('privacy.list', {}) })
}

/**
 * A request changed in the core (a check, an import, a save). The signal carries its id and status only,
 * never whose request it is, so the list (read from the core's own store, not the org) is fetched again.
 */
export function usePrivacyUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('privacy.request.changed', () => void queryClient.invalidateQueries({ queryKey: privacyKeys.list }))
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
