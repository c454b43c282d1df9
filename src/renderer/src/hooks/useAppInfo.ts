import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { queryKeys } from '../queryClient'

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => api.call('app.info', {}), staleTime: 60_000 })
}
