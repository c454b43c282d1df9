import { useState, type FormEvent } from 'react'
import type { RemoteArchiveSettings, RemoteArchiveSettingsInput } from '../../../../shared/contract/flows'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useSaveRemote } from './useFlows'

/** Address, token (write-only: never shown, kept unless replaced or removed) and whether copies are sent. */
export function RemoteForm({ settings }: { settings: RemoteArchiveSettings }) {
  const save = useSaveRemote()
  const [enabled, setEnabled] = useState(settings.enabled)
  const [url, setUrl] = useState(settings.url)
  const [token, setToken] = useState('')
  const [removeToken, setRemoveToken] = useState(false)
  const [problem, setProblem] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    if (enabled && !url.trim()) return setProblem('Type the address the copies are sent to, or turn sending off.')
    const input: RemoteArchiveSettingsInput = { enabled, url: url.trim() }
    if (removeToken) input.token = ''
    else if (token) input.token = token
    save.mutate(input, {
      onSuccess: () => (setToken(''), setRemoveToken(false)),
      onError: (e) => {
        const error = toAppError(e)
        if (error.details?.some((d) => d.fieldName === 'url')) setProblem(error.hint ? `${error.message} ${error.hint}` : error.message)
      },
    })
  }

  const urlRefused = save.isError && toAppError(save.error).details?.some((d) => d.fieldName === 'url')
  return (
    <form className="flows-remote-form" onSubmit={submit} noValidate aria-label="Remote archive settings">
      <label className="radio">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Send a copy of each archive run to the remote archive
      </label>
      <Field label="Address" hint="https, or http to 127.0.0.1 or localhost for an archive on this computer." error={problem}>
        {(control) => (
          <input
            {...control}
            className="input mono"
            type="url"
            value={url}
            placeholder="https://archive.example.com/flows"
            onChange={(e) => (setUrl(e.target.value), setProblem(undefined))}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        label="Token"
        hint={
          settings.hasToken
            ? 'A token is stored; it is never shown. Type a new one to replace it, or leave this empty to keep it.'
            : 'Optional: sent as Authorization: Bearer <token>. Stored sealed; never shown again.'
        }
      >
        {(control) => (
          <input
            {...control}
            className="input mono"
            type="password"
            value={token}
            disabled={removeToken}
            placeholder={settings.hasToken ? '•••••••• (stored)' : ''}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
          />
        )}
      </Field>
      {settings.hasToken && (
        <label className="radio">
          <input type="checkbox" checked={removeToken} onChange={(e) => setRemoveToken(e.target.checked)} />
          Remove the stored token
        </label>
      )}
      {save.isError && !urlRefused && <ErrorPanel error={save.error} title="The remote archive settings were not saved" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save remote archive
        </Button>
        <span role="status" className="flows-saved">
          {save.isSuccess ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  )
}
