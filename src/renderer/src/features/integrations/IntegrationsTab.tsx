import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { EndpointDetail } from './EndpointDetail'
import { EndpointForm } from './EndpointForm'
import { EndpointTable } from './EndpointTable'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { SecretPanel } from './SecretPanel'
import { useEndpoints, useWebhookUpdates } from './useWebhooks'
import './integrations.css'

/** Settings › Integrations: endpoints that receive Switchboard's app events, and their delivery logs. */
export function IntegrationsTab() {
  useWebhookUpdates()
  const endpoints = useEndpoints()
  const adding = useIntegrationsWorkspace((s) => s.adding)
  const setAdding = useIntegrationsWorkspace((s) => s.setAdding)
  const secret = useIntegrationsWorkspace((s) => s.secret)
  const showSecret = useIntegrationsWorkspace((s) => s.showSecret)
  const selectedId = useIntegrationsWorkspace((s) => s.selectedId)
  const list = endpoints.data ?? []
  const selected = list.find((endpoint) => endpoint.id === selectedId)
  const disabled = list.filter((endpoint) => endpoint.disabledReason)
  return (
    <div className="wh-tab">
      {disabled.map((endpoint) => (
        <Banner key={endpoint.id} level="warning" title={`Switchboard turned off “${endpoint.name}”`}>
          {endpoint.disabledReason} Its events are kept as failed: fix the receiver, turn the endpoint back on, then redeliver them from its
          delivery log.
        </Banner>
      ))}
      <Card
        title="Event delivery"
        actions={
          !adding && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add endpoint
            </Button>
          )
        }
      >
        <p className="wh-intro">
          Switchboard sends its own events (a recording uploaded, flow versions archived, …) to your endpoints by POST, signed the Standard
          Webhooks way. Failed sends are retried with growing pauses for 24 hours; an endpoint that fails all that time is turned off and
          you are told here.
        </p>
        {secret && <SecretPanel shown={secret} onDone={() => showSecret(null)} />}
        {adding && <EndpointForm onClose={() => setAdding(false)} />}
        {endpoints.isPending && <p className="muted">Loading the endpoints…</p>}
        {endpoints.isError && <ErrorPanel error={endpoints.error} title="The endpoints could not be listed" />}
        {endpoints.data && list.length === 0 && !adding && (
          <EmptyState title="No endpoints yet">Add one to have Switchboard’s events sent to it.</EmptyState>
        )}
        {list.length > 0 && <EndpointTable endpoints={list} />}
      </Card>
      {selected && <EndpointDetail endpoint={selected} />}
    </div>
  )
}
