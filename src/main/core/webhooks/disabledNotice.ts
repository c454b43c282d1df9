import type { Notice } from '../../../shared/api'
import type { StoredEndpoint } from './endpointStore'

export const disabledNoticeId = (endpointId: string): string => `webhook-disabled-${endpointId}`

/** Said when Switchboard turns an endpoint off, and again at each start while it stays off (one text, so one dismissal). */
export function disabledNotice(endpoint: StoredEndpoint): Notice {
  return {
    id: disabledNoticeId(endpoint.id),
    level: 'warning',
    message: `Event delivery to “${endpoint.name}” (${new URL(endpoint.url).host}) was turned off: every delivery failed for 24 hours.`,
    hint: 'Fix the receiver, enable the endpoint again in Settings › Integrations, then redeliver the failed events.',
  }
}
