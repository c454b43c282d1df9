import { useRef, useState, type FormEvent } from 'react'
import type { WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { EndpointForm } from './EndpointForm'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { TestResultView } from './TestResultView'
import { useRemoveEndpoint, useRotateSecret, useSendTest } from './useWebhooks'

/** Edit, send test event, rotate the secret (the old one signs beside it for a grace period), remove. */
export function EndpointActions({ endpoint }: { endpoint: WebhookEndpointView }) {
  const sendTest = useSendTest()
  const rotate = useRotateSecret()
  const remove = useRemoveEndpoint()
  const showSecret = useIntegrationsWorkspace((s) => s.showSecret)
  const select = useIntegrationsWorkspace((s) => s.select)
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const [rotating, setRotating] = useState(false)
  const [graceHours, setGraceHours] = useState('24')
  const [removing, setRemoving] = useState(false)
  const graceValue = Number(graceHours)
  const graceValid = graceHours.trim() !== '' && Number.isInteger(graceValue) && graceValue >= 0 && graceValue <= 168

  const submitRotate = (event: FormEvent) => {
    event.preventDefault()
    if (!graceValid) return
    rotate.mutate(
      { id: endpoint.id, graceHours: graceValue },
      {
        onSuccess: (shown) => {
          showSecret(shown)
          setRotating(false)
        },
      },
    )
  }

  const closeEdit = () => {
    setEditing(false)
    // The form (and the field that had focus) is gone: focus goes back to the button that opened it.
    requestAnimationFrame(() => editButton.current?.focus())
  }

  return (
    <div className="wh-actions">
      <div className="wh-action-row">
        <Button variant="primary" onClick={() => sendTest.mutate(endpoint.id)} busy={sendTest.isPending}>
          Send test event
        </Button>
        <Button ref={editButton} onClick={() => (editing ? closeEdit() : setEditing(true))} aria-expanded={editing}>
          Edit…
        </Button>
        <Button onClick={() => setRotating((on) => !on)} aria-expanded={rotating}>
          Rotate secret…
        </Button>
        <Button variant="danger" onClick={() => setRemoving(true)}>
          Remove…
        </Button>
      </div>
      {editing && <EndpointForm endpoint={endpoint} onClose={closeEdit} />}
      {rotating && (
        <form className="wh-rotate" onSubmit={submitRotate} noValidate aria-label="Rotate secret">
          <label className="wh-inline-field">
            <span>Old secret keeps signing for</span>
            <input
              className="input num wh-hours"
              type="number"
              min={0}
              max={168}
              step={1}
              value={graceHours}
              aria-invalid={graceValid ? undefined : true}
              aria-describedby="wh-grace-hint"
              onChange={(e) => setGraceHours(e.target.value)}
            />
            <span>hours</span>
          </label>
          <Button type="submit" busy={rotate.isPending} disabled={!graceValid}>
            Make a new secret
          </Button>
          <p id="wh-grace-hint" className="field-hint">
            0 to 168 hours. Both secrets sign each request meanwhile, so the receiver can switch without losing events.
          </p>
        </form>
      )}
      {rotate.isError && <ErrorPanel error={rotate.error} title="The secret was not rotated" />}
      {sendTest.isError && <ErrorPanel error={sendTest.error} title="The test event was not sent" />}
      {sendTest.data && sendTest.variables === endpoint.id && <TestResultView result={sendTest.data} />}
      <ConfirmDialog
        open={removing}
        title={`Remove “${endpoint.name}”?`}
        confirmLabel="Remove endpoint"
        busy={remove.isPending}
        error={remove.error ?? undefined}
        onCancel={() => setRemoving(false)}
        onConfirm={() =>
          remove.mutate(endpoint.id, {
            onSuccess: () => {
              setRemoving(false)
              select(null)
            },
          })
        }
      >
        <p>No more events are sent to {endpoint.url}, including those still waiting for it. A new endpoint gets a new secret.</p>
      </ConfirmDialog>
    </div>
  )
}
