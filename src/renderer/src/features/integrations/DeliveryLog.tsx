import { WEBHOOK_DELIVERY_STATES, type WebhookDeliveryState, type WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { DeliveryRow } from './DeliveryRow'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { RedeliverFailedForm } from './RedeliverFailedForm'
import { useDeliveries, useRedeliver } from './useWebhooks'
import { DELIVERY_STATE_WORDS } from './webhookWords'

/** The endpoint's events, newest first, with their attempts; redeliver one, or the failed ones of a period. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointView }) {
  const stateFilter = useIntegrationsWorkspace((s) => s.stateFilter)
  const setStateFilter = useIntegrationsWorkspace((s) => s.setStateFilter)
  const deliveries = useDeliveries(endpoint.id, stateFilter)
  const redeliver = useRedeliver(endpoint.id)
  const list = deliveries.data?.pages.flatMap((page) => page.deliveries) ?? []
  const total = deliveries.data?.pages.at(-1)?.total ?? 0
  return (
    <div className="wh-log">
      <div className="wh-log-head">
        <h3>Delivery log</h3>
        <label className="wh-inline-field">
          <span>Show</span>
          <select
            className="select"
            value={stateFilter ?? ''}
            onChange={(e) => setStateFilter((e.target.value || undefined) as WebhookDeliveryState | undefined)}
          >
            <option value="">Every state</option>
            {WEBHOOK_DELIVERY_STATES.map((state) => (
              <option key={state} value={state}>
                {DELIVERY_STATE_WORDS[state]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted wh-duplicates">
        At least once: a receiver may get the same event twice (a retry after a lost answer, or a redelivery). Both carry the same{' '}
        <code>webhook-id</code> header, so the receiver should skip ids it has already handled.
      </p>
      <RedeliverFailedForm endpointId={endpoint.id} />
      {deliveries.isPending && <p className="muted">Loading the delivery log…</p>}
      {deliveries.isError && <ErrorPanel error={deliveries.error} title="The delivery log could not be read" />}
      {redeliver.isError && <ErrorPanel error={redeliver.error} title="The event was not sent again" />}
      {deliveries.data && list.length === 0 && (
        <EmptyState title={stateFilter ? `No ${DELIVERY_STATE_WORDS[stateFilter].toLowerCase()} events` : 'No events sent yet'}>
          Events appear here as they are sent. “Send test event” adds one at once.
        </EmptyState>
      )}
      {list.length > 0 && (
        <>
          <div className="wh-log-scroll">
            <table className="wh-table wh-deliveries" aria-label={`Delivery log of ${endpoint.name}`}>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Event</th>
                  <th scope="col">State</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last answer</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    delivery={delivery}
                    onRedeliver={(id) => redeliver.mutate(id)}
                    redelivering={redeliver.isPending && redeliver.variables === delivery.id}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="wh-log-foot">
            <span className="muted num">
              {formatCount(list.length)} of {formatCount(total)} shown
            </span>
            {deliveries.hasNextPage && (
              <Button small onClick={() => deliveries.fetchNextPage()} busy={deliveries.isFetchingNextPage}>
                Show older
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  )
}
