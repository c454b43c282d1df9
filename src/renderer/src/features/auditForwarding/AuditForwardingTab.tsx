import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { DestinationForm } from './DestinationForm'
import { ForwardingStatusCard } from './ForwardingStatusCard'
import { useForwardingConfig, useForwardingStatus } from './useAuditForwarding'
import './auditForwarding.css'

/** Settings › Audit forwarding: every new audit entry sent to the org's SIEM (syslog over TLS, or Splunk HEC). */
export function AuditForwardingTab() {
  const config = useForwardingConfig()
  const status = useForwardingStatus()
  return (
    <div className="fwd-tab">
      <Card title="Audit forwarding">
        <p className="fwd-intro">
          Every new audit entry is sent, as it is written, to your SIEM. Delivery is at least once: after an outage or a restart forwarding
          goes on from the last entry the receiver acknowledged; the seq in each message lets the receiver drop repeats.
        </p>
        {config.isError && <ErrorPanel error={config.error} title="The forwarding settings could not be read" />}
        {config.data && <DestinationForm key={JSON.stringify(config.data)} config={config.data} />}
      </Card>
      {status.isError && <ErrorPanel error={status.error} title="The forwarding status could not be read" />}
      {status.data && <ForwardingStatusCard status={status.data} />}
    </div>
  )
}
