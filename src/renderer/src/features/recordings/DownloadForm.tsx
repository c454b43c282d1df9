import { useState, type FormEvent } from 'react'
import type { DownloadItemRef, ExistingFileChoice } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { FolderField, FolderStatus } from './FolderField'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import { useFolderChoice } from './useFolderChoice'
import { useStartDownload } from './useRecordings'

type OnExisting = 'ask' | ExistingFileChoice

const EXISTING_CHOICES: { id: OnExisting; label: string }[] = [
  { id: 'ask', label: 'Ask me' },
  { id: 'overwrite', label: 'Overwrite' },
  { id: 'skip', label: 'Skip' },
  { id: 'rename', label: 'Keep both (rename)' },
]

interface DownloadFormProps {
  items: DownloadItemRef[]
  onClose: () => void
}

/** Where the selected recordings go and what happens to files already there; then the core saves them as a job. */
export function DownloadForm({ items, onClose }: DownloadFormProps) {
  const choice = useFolderChoice()
  const [onExisting, setOnExisting] = useState<OnExisting>('ask')
  const [transcripts, setTranscripts] = useState(false)
  const start = useStartDownload()
  const setSelected = useRecordingsWorkspace((s) => s.setSelected)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // The folder is checked first: a problem is said on the field, before any job exists.
    if (!(await choice.verify())) return
    start.mutate(
      { items, folder: choice.folder.trim(), onExisting, transcripts },
      {
        onSuccess: () => {
          setSelected(new Set())
          onClose()
        },
        onError: (error) => {
          const e = toAppError(error)
          if (e.details?.some((d) => d.fieldName === 'folder')) choice.setError(`${e.message} ${e.hint}`)
        },
      },
    )
  }

  const folderRefused = start.isError && toAppError(start.error).details?.some((d) => d.fieldName === 'folder')
  const n = items.length
  return (
    <form className="rec-download-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Download selected recordings">
      <FolderField
        choice={choice}
        what="recordings"
        hint="Full path of the folder to save into; it is created if missing. A manifest (CSV, with SHA-256) is written beside the files."
      />
      <fieldset className="radio-group">
        <legend>When a file already exists</legend>
        {EXISTING_CHOICES.map((choice) => (
          <label key={choice.id} className="radio">
            <input type="radio" name="rec-on-existing" checked={onExisting === choice.id} onChange={() => setOnExisting(choice.id)} />
            {choice.label}
          </label>
        ))}
      </fieldset>
      <label className="radio">
        <input type="checkbox" checked={transcripts} onChange={(e) => setTranscripts(e.target.checked)} />
        With transcripts (where Speech and Text Analytics has one: the JSON and a readable text)
      </label>
      {start.isError && !folderRefused && <ErrorPanel error={start.error} title="The download could not start" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.isPending}>
          Download {formatCount(n)} recording{n === 1 ? '' : 's'}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <FolderStatus choice={choice} when="the download starts" />
      </div>
    </form>
  )
}
