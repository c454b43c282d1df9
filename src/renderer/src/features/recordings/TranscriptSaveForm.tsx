import type { FormEvent } from 'react'
import type { SavedFileOutcome } from '../../../../shared/contract/recordings'
import { formatBytes } from '../../../../shared/format'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { FolderField, FolderStatus } from './FolderField'
import { useFolderChoice } from './useFolderChoice'
import { useSaveTranscript } from './useRecordings'

const OUTCOME_WORDS: Record<SavedFileOutcome, string> = {
  written: '',
  unchanged: '; the same file was already there',
  renamed: '; saved under a new name, another file had this one',
}

/** Saves the transcript (the JSON as received and a readable text) into a folder the admin names. */
export function TranscriptSaveForm({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const choice = useFolderChoice()
  const save = useSaveTranscript()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!(await choice.verify())) return
    save.mutate({ conversationId, folder: choice.folder.trim() })
  }
  const result = save.data
  return (
    <form className="rec-transcript-save" onSubmit={(e) => void submit(e)} noValidate aria-label="Save transcript">
      <FolderField
        choice={choice}
        what="transcript"
        hint="Full path of the folder to save the transcript into (the JSON as received and a readable text); it is created if missing."
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save transcript
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <FolderStatus choice={choice} when="the transcript is saved" />
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
