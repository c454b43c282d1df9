import { useState, type FormEvent } from 'react'
import type { DownloadItemRef, ExistingFileChoice } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { formatCount } from '../../ui/format'
import { useRecordingsWorkspace } from './recordingsWorkspace'
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
  const [folder, setFolder] = useState('')
  const [onExisting, setOnExisting] = useState<OnExisting>('ask')
  const [transcripts, setTranscripts] = useState(false)
  const [folderError, setFolderError] = useState<string>()
  const start = useStartDownload()
  const setSelected = useRecordingsWorkspace((s) => s.setSelected)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setFolderError(undefined)
    if (!folder.trim()) return setFolderError('Enter the full path of the folder to save into.')
    start.mutate(
      { items, folder: folder.trim(), onExisting, transcripts },
      {
        onSuccess: () => {
          setSelected(new Set())
          onClose()
        },
        onError: (error) => {
          const e = toAppError(error)
          if (e.details?.some((d) => d.fieldName === 'folder')) setFolderError(`${e.message} ${e.hint}`)
        },
      },
    )
  }

  const folderRefused = start.isError && toAppError(start.error).details?.some((d) => d.fieldName === 'folder')
  const n = items.length
  return (
    <form className="rec-download-form" onSubmit={submit} noValidate aria-label="Download selected recordings">
      <Field
        label="Folder"
        error={folderError}
        hint="Full path of the folder to save into; it is created if missing. A manifest (CSV, with SHA-256) is written beside the files."
      >
        {(control) => (
          <div className="path-row">
            <input
              {...control}
              className="input mono"
              value={folder}
              onChange={(e) => (setFolder(e.target.value), setFolderError(undefined))}
              autoComplete="off"
              spellCheck={false}
            />
            <BrowseButton
              kind="folder"
              label="Browse for the download folder"
              title="Choose the folder for the recordings"
              defaultPath={folder}
              onPick={setFolder}
              onError={(e) => setFolderError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
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
      </div>
    </form>
  )
}
