import { useState, type FormEvent } from 'react'
import type { SavedFileOutcome } from '../../../../shared/contract/recordings'
import { formatBytes } from '../../../../shared/format'
import { Banner } from '../../ui/Banner'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useSaveTranscript } from './useRecordings'

const OUTCOME_WORDS: Record<SavedFileOutcome, string> = {
  written: '',
  unchanged: '; the same file was already there',
  renamed: '; saved under a new name, another file had this one',
}

/** Saves the transcript (the JSON as received and a readable text) into a folder the admin names. */
export function TranscriptSaveForm({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const [folder, setFolder] = useState('')
  const [folderError, setFolderError] = useState<string>()
  const save = useSaveTranscript()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!folder.trim()) return setFolderError('Enter the full path of the folder to save into.')
    save.mutate({ conversationId, folder: folder.trim() })
  }
  const result = save.data
  return (
    <form className="rec-transcript-save" onSubmit={submit} noValidate aria-label="Save transcript">
      <Field label="Folder" error={folderError} hint="Full path of the folder to save the transcript into.">
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
              label="Browse for the transcript folder"
              title="Choose the folder for the transcript"
              defaultPath={folder}
              onPick={setFolder}
              onError={(e) => setFolderError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save transcript
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
      {save.isError && <ErrorPanel error={save.error} title="The transcript was not saved" />}
      {result?.state === 'none' && (
        <Banner level="info" title={result.reason}>
          {result.hint}
        </Banner>
      )}
      {result?.state === 'saved' && (
        <Banner level="success" title={`Saved ${result.files.length} file${result.files.length === 1 ? '' : 's'}.`}>
          <ul className="rec-saved-files">
            {result.files.map((file) => (
              <li key={file.path}>
                <code>{file.path}</code> ({formatBytes(file.bytes)}, {file.kind === 'json' ? 'JSON as received' : 'readable text'}
                {OUTCOME_WORDS[file.outcome]}) <CopyButton text={file.path} label={`Copy the path of ${file.path}`} />
              </li>
            ))}
          </ul>
        </Banner>
      )}
    </form>
  )
}
