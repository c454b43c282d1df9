import { useQueryClient } from '@tanstack/react-query'
import { useApiEvent } from '../../hooks/useApiEvent'
import { requestTypeWords } from './privacyWords'
import { privacyKeys } from './usePrivacy'

/**
 * App-wide: a tracked request completed. A desktop notification when the admin allowed them (it names
 * the request, never the person: it may show on a locked screen); the in-app banner comes from the
 * core's notice, which is shown whatever the permission.
 */
export function usePrivacyNotifications(): void {
  const queryClient = useQueryClient()
  useApiEvent('privacy.request.completed', (event) => {
    void queryClient.invalidateQueries({ queryKey: privacyKeys.list })
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    const what = requestTypeWords(event.requestType).noun
    new Notification(`${what} completed`, {
      body: `Request ${event.requestId.slice(0, 8)} in ${event.where}${event.resultsCount ? `: ${event.resultsCount} result file(s) to save` : ''}.`,
      tag: `privacy-${event.requestId}`,
    })
  })
}
