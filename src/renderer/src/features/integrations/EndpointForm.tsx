import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { WEBHOOK_EVENT_TYPES, type WebhookEndpointView, type WebhookEventType } from '../../../../shared/contract/webhooks'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { useAddEndpoint, useUpdateEndpoint } from './useWebhooks'
import { EVENT_TYPE_WORDS, urlProblem } from './webhookWords'

interface Problems {
  name?: string
  url?: string
  events?: string
}

interface EndpointFormProps {
  /** The endpoint to edit; without it the form adds a new one. */
  endpoint?: WebhookEndpointView
  /** Cancel, or saved (an added endpoint's secret is shown by then). */
  onClose: () => void
}

/** An endpoint's name, address, the events it gets, download links or not, on or off: a new one, or an edit. */
export function EndpointForm({ endpoint, onClose }: EndpointFormProps) {
  const add = useAddEndpoint()
  const update = useUpdateEndpoint()
  const save = endpoint ? update : add
  const showSecret = useIntegrationsWorkspace((s) => s.showSecret)
  const select = useIntegrationsWorkspace((s) => s.select)
  const [name, setName] = useState(endpoint?.name ?? '')
  const [url, setUrl] = useState(endpoint?.url ?? '')
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? [])
  const [includeDownloadLinks, setIncludeDownloadLinks] = useState(endpoint?.includeDownloadLinks ?? false)
  const [enabled, setEnabled] = useState(endpoint ? endpoint.enabled && !endpoint.disabledReason : true)
  const [problems, setProblems] = useState<Problems>({})
  const eventsErrorId = useId()
  const nameInput = useRef<HTMLInputElement>(null)
  // The form opens on a button press: typing can start at once.
  useEffect(() => nameInput.current?.focus(), [])

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((list) => (on ? WEBHOOK_EVENT_TYPES.filter((t) => t === type || list.includes(t)) : list.filter((t) => t !== type)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Problems = {
      name: name.trim() ? undefined : 'Give the endpoint a name you will recognise.',
      url: urlProblem(url),
      events: events.length ? undefined : 'Choose at least one event.',
    }
    setProblems(found)
    if (found.name || found.url || found.events) return
    const values = { name: name.trim(), url: url.trim(), events, includeDownloadLinks, enabled }
    const onError = (e: unknown) => {
      const error = toAppError(e)
      if (error.details?.some((d) => d.fieldName === 'url'))
        setProblems({ url: error.hint ? `${error.message} ${error.hint}` : error.message })
    }
    if (!endpoint) {
      add.mutate(values, {
        onSuccess: (shown) => {
          showSecret(shown)
          select(shown.endpoint.id)
          onClose()
        },
        onError,
      })
      return
    }
    const changes = changedFields(endpoint, values)
    if (Object.keys(changes).length === 0) return onClose()
    update.mutate({ id: endpoint.id, ...changes }, { onSuccess: onClose, onError })
  }

  const urlRefused = save.isError && toAppError(save.error).details?.some((d) => d.fieldName === 'url')
  const mediaChosen = events.includes('media.url.generated')
  return (
    <form className="wh-form" onSubmit={submit} noValidate aria-label={endpoint ? `Edit endpoint “${endpoint.name}”` : 'Add endpoint'}>
      {/* Below the endpoint's buttons, the form says what it changes; the Add form sits where the table starts. */}
      {endpoint && <h3 className="wh-form-title">Edit “{endpoint.name}”</h3>}
      <div className="form-grid">
        <Field label="Name" error={problems.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={name}
              maxLength={100}
              placeholder="Archive receiver"
              ref={nameInput}
              onChange={(e) => (setName(e.target.value), setProblems((p) => ({ ...p, name: undefined })))}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="URL" hint="https, or http only to this computer (127.0.0.1, ::1, localhost)." error={problems.url}>
          {(control) => (
            <input
              {...control}
              className="input mono"
              type="url"
              value={url}
              placeholder="https://hooks.example.com/switchboard"
              onChange={(e) => (setUrl(e.target.value), setProblems((p) => ({ ...p, url: undefined })))}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <fieldset className="wh-events" aria-describedby={problems.events ? eventsErrorId : undefined}>
        <legend>Events</legend>
        <div className="wh-event-grid">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="radio">
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
              <span className="wh-event-name">
                {EVENT_TYPE_WORDS[type]} <code className="muted">{type}</code>
              </span>
            </label>
          ))}
        </div>
        <p id={eventsErrorId} className="field-error">
          {problems.events}
        </p>
      </fieldset>
      <label className="radio wh-option">
        <input type="checkbox" checked={includeDownloadLinks} onChange={(e) => setIncludeDownloadLinks(e.target.checked)} />
        Include download links in “Download link made” events
      </label>
      {includeDownloadLinks && (
        <p className="wh-warning" role="note">
          <strong>Links grant access:</strong> anyone who reads the endpoint’s log or its traffic can download the recording until the link
          expires. {mediaChosen ? '' : 'They are sent only if “Download link made” is chosen above.'}
        </p>
      )}
      <label className="radio wh-option">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {endpoint ? 'Send events to this endpoint' : 'Send events to this endpoint now (you can turn it off later)'}
      </label>
      {endpoint?.disabledReason && !enabled && (
        <p className="field-hint">Switchboard turned it off: tick the box above once the receiver is fixed.</p>
      )}
      {save.isError && !urlRefused && (
        <ErrorPanel error={save.error} title={endpoint ? 'The endpoint was not changed' : 'The endpoint was not added'} />
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {endpoint ? 'Save changes' : 'Add endpoint'}
        </Button>
        <Button onClick={onClose} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

type EndpointValues = Pick<WebhookEndpointView, 'name' | 'url' | 'events' | 'includeDownloadLinks' | 'enabled'>

/** Only what the admin changed is sent, so the audit entry and the core's checks are about that. */
function changedFields(endpoint: WebhookEndpointView, values: EndpointValues): Partial<EndpointValues> {
  const changes: Partial<EndpointValues> = {}
  if (values.name !== endpoint.name) changes.name = values.name
  if (values.url !== endpoint.url) changes.url = values.url
  if ([...values.events].sort().join() !== [...endpoint.events].sort().join()) changes.events = values.events
  if (values.includeDownloadLinks !== endpoint.includeDownloadLinks) changes.includeDownloadLinks = values.includeDownloadLinks
  if (values.enabled !== (endpoint.enabled && !endpoint.disabledReason)) changes.enabled = values.enabled
  return changes
}
