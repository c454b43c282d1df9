import type { WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { DateTime } from '../../ui/DateTime'
import { StatusDot } from '../../ui/StatusDot'
import { endpointHealth, endpointHealthText, endpointHealthTone } from './webhookWords'

/** Healthy, failing since when, off, or disabled by Switchboard and why. */
export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpointView }) {
  const health = endpointHealth(endpoint)
  return (
    <span className="wh-status">
      <span className="wh-status-line">
        <StatusDot tone={endpointHealthTone(health)} />
        <span>
          {endpointHealthText(health)}
          {health.kind === 'failing' && (
            <>
              {' '}
              <DateTime iso={health.since} />
            </>
          )}
        </span>
      </span>
      {health.kind === 'disabled' && <span className="wh-status-reason">{health.reason}</span>}
    </span>
  )
}
