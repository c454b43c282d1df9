import { useEffect } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import { queryKeys } from '../queryClient'
import { useNotices } from '../ui/frame/noticeStore'
import { useApiEvent } from './useApiEvent'

/** Feeds contract events into the query cache and the notice list, once for the whole app. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient()
  const addNotice = useNotices((state) => state.add)

  useApiEvent('status.changed', (snapshot) => queryClient.setQueryData(queryKeys.status, snapshot))
  useApiEvent('notice', addNotice)

  // After the event stream was down, anything may have changed: refetch everything shown.
  useEffect(() => api.onReconnected(() => void queryClient.invalidateQueries()), [queryClient])
}
