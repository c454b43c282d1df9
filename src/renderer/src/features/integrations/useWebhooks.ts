import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MethodInput } from '../../../../shared/api'
import type { WebhookDeliveryState, WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

export const webhookKeys = {
  endpoints: ['webhooks', 'endpoints'] as const,
  deliveries: (endpointId: string) => ['webhooks', 'deliveries', endpointId] as const,
  deliveryPage: (endpointId: string, state: WebhookDeliveryState | undefined) =>
    ['webhooks', 'deliveries', endpointId, state ?? 'all'] as const,
}

const PAGE_SIZE = 50

export function useEndpoints() {
  return useQuery({ queryKey: webhookKeys.endpoints, queryFn: () => api.call('webhooks.endpoints.list', {}) })
}

/** The core says which endpoint changed (its settings or one of its deliveries): its views are read again. */
export function useWebhookUpdates() {
  const queryClient = useQueryClient()
  useApiEvent('webhooks.changed', ({ endpointId }) => {
    void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints })
    void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) })
  })
}

/** An endpoint's deliveries, newest first, a page at a time. */
export function useDeliveries(endpointId: string, state: WebhookDeliveryState | undefined) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveryPage(endpointId, state),
    queryFn: ({ pageParam }) =>
      api.call('webhooks.deliveries.list', {
        endpointId,
        limit: PAGE_SIZE,
        ...(state ? { state } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  })
}

function useEndpointMutation<I, R>(call: (input: I) => Promise<R>, endpointOf: (input: I) => string | undefined) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: (_result, _error, input) => {
      void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints })
      const endpointId = endpointOf(input)
      if (endpointId) void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) })
    },
  })
}

export function useAddEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MethodInput<'webhooks.endpoints.add'>) => api.call('webhooks.endpoints.add', input),
    onSuccess: ({ endpoint }) =>
      queryClient.setQueryData<WebhookEndpointView[]>(webhookKeys.endpoints, (list) => [
        ...(list ?? []).filter((e) => e.id !== endpoint.id),
        endpoint,
      ]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints }),
  })
}

export const useUpdateEndpoint = () =>
  useEndpointMutation(
    (input: MethodInput<'webhooks.endpoints.update'>) => api.call('webhooks.endpoints.update', input),
    (input) => input.id,
  )
export const useRemoveEndpoint = () =>
  useEndpointMutation(
    (id: string) => api.call('webhooks.endpoints.remove', { id }),
    () => undefined,
  )
export const useRotateSecret = () =>
  useEndpointMutation(
    (input: MethodInput<'webhooks.endpoints.rotateSecret'>) => api.call('webhooks.endpoints.rotateSecret', input),
    (input) => input.id,
  )
export const useSendTest = () =>
  useEndpointMutation(
    (id: string) => api.call('webhooks.endpoints.sendTest', { id }),
    (id) => id,
  )
export const useRedeliver = (endpointId: string) =>
  useEndpointMutation(
    (deliveryId: string) => api.call('webhooks.deliveries.redeliver', { deliveryId }),
    () => endpointId,
  )
export const useRedeliverFailed = () =>
  useEndpointMutation(
    (input: MethodInput<'webhooks.deliveries.redeliverFailed'>) => api.call('webhooks.deliveries.redeliverFailed', input),
    (input) => input.endpointId,
  )
