import { useState, type FormEvent } from 'react'
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../../shared/contract/webhooks'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useIntegrationsWorkspace } from './integrationsWorkspace'
import { useAddEndpoint } from './useWebhooks'
import { EVENT_TYPE_WORDS, urlProblem } from './webhookWords'

interface Problems {
  name?: string
  url?: string
  events?: string
}

/** A new endpoint: its name, address, the events it gets, download links or not, on or off. */
export function EndpointForm() {
  const add = useAddEndpoint()
  const setAdding = useIntegrationsWorkspace((s) => s.setAdding)
  const showSecret = useIntegrationsWorkspace((s) => s.showSecret)
  const select = useIntegrationsWorkspace((s) => s.select)
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<WebhookEventType[]>([])
  const [includeDownloadLinks, setIncludeDownloadLinks] = useState(false)
  const [enabled, setEnabled] = useState(true)
  const [problems, setProblems] = useState<Problems>({})

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
    add.mutate(
      { name: name.trim(), url: url.trim(), events, includeDownloadLinks, enabled },
      {
        onSuccess: (shown) => {
          showSecret(shown)
          select(shown.endpoint.id)
          setAdding(false)
        },
        onError: (e) => {
          const error = toAppError(e)
          if (error.details?.some((d) => d.fieldName === 'url'))
            setProblems({ url: error.hint ? `${error.message} ${error.hint}` : error.message })
        },
      },
    )
  }

  const urlRefused = add.isError && toAppError(add.error).details?.some((d) => d.fieldName === 'url')
  const mediaChosen = events.includes('media.url.generated')
  return (
    <form className="wh-form" onSubmit={submit} noValidate aria-label="Add endpoint">
      <div className="form-grid">
        <Field label="Name" error={problems.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={name}
              maxLength={100}
              placeholder="Archive receiver"
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
      <fieldset className="wh-events" aria-describedby={problems.events ? 'wh-events-error' : undefined}>
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
        <p id="wh-events-error" className="field-error">
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
        Send events to this endpoint now (you can turn it off later)
      </label>
      {add.isError && !urlRefused && <ErrorPanel error={add.error} title="The endpoint was not added" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={add.isPending}>
          Add endpoint
        </Button>
        <Button onClick={() => setAdding(false)} disabled={add.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
