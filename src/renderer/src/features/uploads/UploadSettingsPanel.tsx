import { useState } from 'react'
import { AUDIO_TYPES, type AudioType, type UploadSettings } from '../../../../shared/contract/uploads'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { NumberField } from '../../ui/NumberField'
import { useSaveUploadSettings } from './useUploads'
import { formatBytes } from '../../../../shared/format'

const MIB = 1024 * 1024

/** The limits every file is checked against, and how many upload at once; changed here, kept by the core. */
export function UploadSettingsPanel({ settings }: { settings: UploadSettings }) {
  const save = useSaveUploadSettings()
  const [limitMiB, setLimitMiB] = useState(String(Math.round(settings.maxFileBytes / MIB)))
  const [types, setTypes] = useState<AudioType[]>(settings.allowedTypes)
  const [concurrency, setConcurrency] = useState(String(settings.concurrency))
  const summary = `Up to ${formatBytes(settings.maxFileBytes)} a file · ${settings.allowedTypes.map((t) => t.toUpperCase()).join(', ')} · ${settings.concurrency} at a time`
  return (
    <details className="upload-settings">
      <summary>Upload settings: {summary}</summary>
      <form
        className="upload-settings-form"
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate({ maxFileBytes: Math.round(Number(limitMiB) * MIB), allowedTypes: types, concurrency: Number(concurrency) })
        }}
      >
        <NumberField label="Size limit (MB)" min={1} max={5120} value={limitMiB} onChange={setLimitMiB} />
        <NumberField label="Uploads at once (1 to 16)" min={1} max={16} value={concurrency} onChange={setConcurrency} />
        <fieldset className="upload-types">
          <legend>Allowed types (checked by content and extension)</legend>
          {AUDIO_TYPES.map((type) => (
            <label key={type}>
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))}
              />{' '}
              {type.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <div>
          <Button type="submit" busy={save.isPending}>
            Save upload settings
          </Button>
          <span role="status" className="upload-settings-saved">
            {save.isSuccess ? 'Saved.' : ''}
          </span>
        </div>
        {save.isError && <ErrorPanel error={save.error} title="The settings were not saved" />}
      </form>
    </details>
  )
}
