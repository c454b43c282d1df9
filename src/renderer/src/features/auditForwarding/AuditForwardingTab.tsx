import { Card } from '../../ui/Card'

/** Settings › Audit forwarding: every new audit entry sent to the org's SIEM (syslog over TLS, or Splunk HEC). */
export function AuditForwardingTab() {
  return (
    <Card title="Audit forwarding">
      <p>Being built.</p>
    </Card>
  )
}
