import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { queryKeys } from '../queryClient'

/** The status bar's snapshot: kept live by status.changed, refetched on focus and every 15 s as a floor. */
export function useStatus() {
  return useQuery({
    queryKey: queryKeys.status,
    queryFn: () => api.call('status.get', {}),
    refetchInterval: 15_000,
    staleTime: 0,
  })
}
