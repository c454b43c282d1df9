import { useState } from 'react'
import type { WebhookDeliveryView } from '../../../../shared/contract/webhooks'
import { Button } from '../../ui/Button'
import { DateTime } from '../../ui/DateTime'
import { formatCount, formatMs } from '../../ui/format'
import { Identifier } from '../../ui/Identifier'
import { StatusDot } from '../../ui/StatusDot'
import { attemptOutcomeText, deliveryStateText, deliveryStateTone, eventTypeText, lastLatencyText, lastStatusText } from './webhookWords'

const COLUMNS = 6

interface DeliveryRowProps {
  delivery: WebhookDeliveryView
  onRedeliver: (deliveryId: string) => void
  redelivering: boolean
}

/** One event sent to the endpoint; its attempts open beneath it. */
export function DeliveryRow({ delivery, onRedeliver, redelivering }: DeliveryRowProps) {
  const [open, setOpen] = useState(false)
  const attemptsId = `wh-attempts-${delivery.id}`
  const label = `${eventTypeText(delivery.eventType)} ${delivery.eventId}`
  return (
    <>
      <tr>
        <td className="wh-time">
          <DateTime iso={delivery.occurredAt} seconds />
        </td>
        <th scope="row" className="wh-event">
          <span className="wh-event-type">
            {eventTypeText(delivery.eventType)}
            {delivery.test && <span className="badge badge-neutral wh-test-badge">test</span>}
          </span>
          <code className="wh-event-id">
            <Identifier text={delivery.eventId} />
          </code>
        </th>
        <td>
          <span className="wh-status-line">
            <StatusDot tone={deliveryStateTone(delivery.state)} />
            {deliveryStateText(delivery.state)}
          </span>
          {delivery.nextAttemptAt && (
            <span className="wh-sub">
              next <DateTime iso={delivery.nextAttemptAt} seconds />
            </span>
          )}
          {delivery.reason && <span className="wh-sub">{delivery.reason}</span>}
        </td>
        <td className="num">
          {delivery.attempts.length === 0 ? (
            '0'
          ) : (
            <Button
              small
              variant="ghost"
              className="wh-attempts-toggle"
              aria-expanded={open}
              aria-controls={open ? attemptsId : undefined}
              aria-label={`Attempts of ${label}: ${formatCount(delivery.attempts.length)}`}
              onClick={() => setOpen((o) => !o)}
            >
              {formatCount(delivery.attempts.length)}
              <span aria-hidden="true" className="wh-chevron">
                {open ? '▾' : '▸'}
              </span>
            </Button>
          )}
        </td>
        <td className="num">
          {lastStatusText(delivery)}
          <span className="wh-sub">{lastLatencyText(delivery)}</span>
        </td>
        <td className="wh-row-actions">
          <Button small aria-label={`Redeliver ${label}`} busy={redelivering} onClick={() => onRedeliver(delivery.id)}>
            Redeliver
          </Button>
        </td>
      </tr>
      {open && (
        <tr id={attemptsId} className="wh-attempts-row">
          <td colSpan={COLUMNS}>
            <ol className="wh-attempts" aria-label={`Attempts of ${label}`}>
              {delivery.attempts.map((attempt, i) => (
                <li key={i}>
                  <span className="wh-attempt-n num">#{i + 1}</span>
                  <DateTime iso={attempt.at} seconds />
                  <span className="num">{attemptOutcomeText(attempt)}</span>
                  <span className="num muted">{formatMs(attempt.latencyMs)}</span>
                </li>
              ))}
            </ol>
          </td>
        </tr>
      )}
    </>
  )
}
