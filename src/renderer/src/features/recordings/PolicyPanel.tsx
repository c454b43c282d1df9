import { useState, type FormEvent } from 'react'
import { RECORDING_FORMATS, type RecordingFormat, type RecordingPolicy } from '../../../../shared/contract/recordings'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { NumberField } from '../../ui/NumberField'
import { useSavePolicy } from './useRecordings'

/** The org's rule for links, set by the admin: formats allowed, the longest lifetime accepted, the default format. */
export function PolicyPanel({ policy }: { policy: RecordingPolicy }) {
  const save = useSavePolicy()
  const [formats, setFormats] = useState<RecordingFormat[]>(policy.allowedFormats)
  const [lifetime, setLifetime] = useState(String(policy.maxLinkLifetimeMinutes))
  const [defaultFormat, setDefaultFormat] = useState<RecordingFormat>(policy.defaultFormat)
  const [problem, setProblem] = useState<string>()
  const summary = `${policy.allowedFormats.join(', ')} · links up to ${policy.maxLinkLifetimeMinutes} min · default ${policy.defaultFormat}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    const minutes = Number(lifetime)
    if (formats.length === 0) return setProblem('Allow at least one format.')
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
      return setProblem('The longest link lifetime is a whole number of minutes from 1 to 60.')
    if (!formats.includes(defaultFormat)) return setProblem('The default format must be one of the allowed formats.')
    save.mutate({ allowedFormats: formats, maxLinkLifetimeMinutes: minutes, defaultFormat })
  }

  return (
    <details className="rec-policy">
      <summary>Link policy: {summary}</summary>
      <form className="rec-policy-form" onSubmit={submit} noValidate aria-label="Link policy">
        <fieldset className="rec-formats">
          <legend>Allowed formats</legend>
          {RECORDING_FORMATS.map((format) => (
            <label key={format}>
              <input
                type="checkbox"
                checked={formats.includes(format)}
                onChange={(e) => setFormats(e.target.checked ? [...formats, format] : formats.filter((f) => f !== format))}
              />{' '}
              {format}
            </label>
          ))}
        </fieldset>
        <NumberField
          label="Longest link lifetime (minutes, 1 to 60)"
          hint="A link living longer is flagged when it is made."
          min={1}
          max={60}
          value={lifetime}
          onChange={setLifetime}
        />
        <Field label="Default format">
          {(control) => (
            <select
              {...control}
              className="select"
              value={defaultFormat}
              onChange={(e) => setDefaultFormat(e.target.value as RecordingFormat)}
            >
              {RECORDING_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {format}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="rec-policy-actions">
          <Button type="submit" busy={save.isPending}>
            Save link policy
          </Button>
          <span role="status" className="rec-policy-saved">
            {save.isSuccess ? 'Saved.' : ''}
          </span>
          {problem && <p className="field-error">{problem}</p>}
        </div>
        {save.isError && <ErrorPanel error={save.error} title="The link policy was not saved" />}
      </form>
    </details>
  )
}
