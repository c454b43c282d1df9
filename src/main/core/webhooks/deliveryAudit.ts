import { appendAuditEntry, type AuditDetail } from '../audit/workflowEntry'
import type { WorkflowServices } from '../workflow'
import type { StoredDelivery } from './deliveryRecord'
import type { StoredEndpoint } from './endpointStore'
import { endpointUrlOf } from './endpointUrl'
import type { AttemptOutcome } from './postAttempt'

type AuditServices = Pick<WorkflowServices, 'audit' | 'systemScope'>

/** Every attempt: where (host only), which event, what came back and how fast; never the body nor a secret. */
export function auditAttempt(
  services: AuditServices,
  endpoint: StoredEndpoint,
  delivery: StoredDelivery,
  attempt: number,
  outcome: AttemptOutcome,
): void {
  const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300
  appendAuditEntry(
    services.audit,
    services.systemScope,
    'webhook.delivery.attempt',
    endpointUrlOf(endpoint.url).host,
    ok ? 'ok' : 'error',
    {
      endpointId: endpoint.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      deliveryId: delivery.id,
      attempt,
      status: outcome.status ?? null,
      latencyMs: outcome.latencyMs,
      ...(outcome.error ? { error: outcome.error.slice(0, 200) } : {}),
      ...(delivery.test ? { test: true } : {}),
    },
  )
}

/** Endpoint changes (add, update, remove, rotate, disabled by Switchboard): what changed, never the secret. */
export function auditEndpoint(services: AuditServices, action: string, endpoint: StoredEndpoint, detail: AuditDetail = {}): void {
  appendAuditEntry(services.audit, services.systemScope, `webhook.endpoint.${action}`, endpointUrlOf(endpoint.url).host, 'ok', {
    endpointId: endpoint.id,
    name: endpoint.name,
    events: endpoint.events.join(','),
    enabled: endpoint.enabled,
    includeDownloadLinks: endpoint.includeDownloadLinks,
    ...detail,
  })
}
