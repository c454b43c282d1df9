import { WEBHOOK_EVENT_TYPES, type WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Identifier } from '../../ui/Identifier'
import { EndpointStatus } from './EndpointStatus'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { useUpdateEndpoint } from './useWebhooks'
import { countsText, eventsText } from './webhookWords'

/** Every endpoint with its address, events, health and counts; a name opens its actions and delivery log. */
export function EndpointTable({ endpoints }: { endpoints: WebhookEndpointView[] }) {
  const selectedId = useIntegrationsWorkspace((s) => s.selectedId)
  const select = useIntegrationsWorkspace((s) => s.select)
  const update = useUpdateEndpoint()
  return (
    <>
      <table className="wh-table wh-endpoints" aria-label="Endpoints">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Status</th>
            <th scope="col">Deliveries</th>
            <th scope="col">On</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id} aria-current={endpoint.id === selectedId ? 'true' : undefined}>
              <th scope="row" className="wh-endpoint-name">
                <button
                  type="button"
                  className="wh-name-button"
                  aria-pressed={endpoint.id === selectedId}
                  onClick={() => select(endpoint.id === selectedId ? null : endpoint.id)}
                >
                  {endpoint.name}
                </button>
              </th>
              <td className="mono wh-url">
                <Identifier text={endpoint.url} />
              </td>
              <td>{eventsText(endpoint.events, WEBHOOK_EVENT_TYPES.length)}</td>
              <td>
                <EndpointStatus endpoint={endpoint} />
              </td>
              <td className="num">{countsText(endpoint.counts)}</td>
              <td>
                <input
                  type="checkbox"
                  role="switch"
                  className="wh-switch"
                  aria-label={`Send events to ${endpoint.name}`}
                  checked={endpoint.enabled && !endpoint.disabledReason}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ id: endpoint.id, enabled: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {update.isError && <ErrorPanel error={update.error} title="The endpoint was not changed" />}
    </>
  )
}
