import { Card } from '../../ui/Card'

/** Settings › Integrations: endpoints that receive Switchboard's app events, and their delivery logs. */
export function IntegrationsTab() {
  return (
    <Card title="Event delivery">
      <p>Being built.</p>
    </Card>
  )
}
