import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type { AuditForwardingConfigView, AuditForwardingStatus } from '../../../../shared/contract/auditForwarding'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

const keys = {
  config: ['auditForwarding', 'config'] as const,
  status: ['auditForwarding', 'status'] as const,
}

export function useForwardingConfig() {
  return useQuery({ queryKey: keys.config, queryFn: () => api.call('auditForwarding.config.get', {}) })
}

/** The status, kept live by auditForwarding.changed. */
export function useForwardingStatus() {
  const queryClient = useQueryClient()
  useApiEvent('auditForwarding.changed', (status) => queryClient.setQueryData<AuditForwardingStatus>(keys.status, status))
  return useQuery({ queryKey: keys.status, queryFn: () => api.call('auditForwarding.status', {}) })
}

export function useSaveForwardingConfig() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'auditForwarding.config.set'>) => api.call('auditForwarding.config.set', input),
    onSuccess: async (view) => {
      queryClient.setQueryData<AuditForwardingConfigView>(keys.config, view)
      await queryClient.invalidateQueries({ queryKey: keys.status })
    },
  })
}

export function usePauseResume() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (pause: boolean) => api.call(pause ? 'auditForwarding.pause' : 'auditForwarding.resume', {}),
    onSuccess: async (status) => {
      queryClient.setQueryData<AuditForwardingStatus>(keys.status, status)
      await queryClient.invalidateQueries({ queryKey: keys.config })
    },
  })
}

export function useSendTest() {
  return useMutation({ mutationFn: () => api.call('auditForwarding.sendTest', {}) })
}
