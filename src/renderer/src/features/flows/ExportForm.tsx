import { useState, type FormEvent } from 'react'
import type { ExportType, FlowRow } from '../../../../shared/contract/flows'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { folderRefusal, FolderInput } from './FolderInput'
import { flowsText } from './flowWords'
import { useFlowSettings, useStartExport } from './useFlows'

const MAX_EXPORT_FLOWS = 100

const EXPORT_CHOICES: { id: ExportType; label: string; hint: string }[] = [
  { id: 'Yaml', label: 'YAML', hint: 'what Archy and CX as Code read' },
  { id: 'Architect', label: 'Architect', hint: 'the file Architect imports' },
]

/** Export the ticked flows with the platform's export job; the file is saved beside the archive. */
export function ExportForm({ flows, onClose }: { flows: FlowRow[]; onClose: () => void }) {
  const settings = useFlowSettings()
  const start = useStartExport()
  const [exportType, setExportType] = useState<ExportType>('Yaml')
  const [folder, setFolder] = useState('')
  const [error, setError] = useState<string>()
  const archiveFolder = settings.data?.folder ?? ''
  const tooMany = flows.length > MAX_EXPORT_FLOWS

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    if (tooMany) return
    if (!folder.trim() && !archiveFolder) return setError('Type the full path of the folder to save the export in.')
    start.mutate(
      { flowIds: flows.map((f) => f.id), exportType, folder: folder.trim() },
      { onSuccess: onClose, onError: (e) => setError(folderRefusal(toAppError(e))) },
    )
  }

  const refusedFolder = start.isError && folderRefusal(toAppError(start.error)) !== undefined
  return (
    <form className="flows-form" onSubmit={submit} noValidate aria-label="Export flows">
      <fieldset className="radio-group">
        <legend>Format</legend>
        {EXPORT_CHOICES.map((choice) => (
          <label key={choice.id} className="radio">
            <input type="radio" name="flows-export-type" checked={exportType === choice.id} onChange={() => setExportType(choice.id)} />
            {choice.label} <span className="muted">({choice.hint})</span>
          </label>
        ))}
      </fieldset>
      <FolderInput
        label="Save in folder"
        what="export"
        value={folder}
        onChange={(path) => (setFolder(path), setError(undefined))}
        placeholder={archiveFolder || undefined}
        error={error}
        onError={setError}
        hint={
          archiveFolder
            ? 'Full path; empty: the archive folder. The file goes into its exports folder: one flow is a YAML or Architect file, several a zip.'
            : 'Full path; the file goes into its exports folder: one flow is a YAML or Architect file, several a zip.'
        }
      />
      {tooMany && (
        <p className="field-error" role="alert">
          One export takes at most {formatCount(MAX_EXPORT_FLOWS)} flows: untick {formatCount(flows.length - MAX_EXPORT_FLOWS)}.
        </p>
      )}
      {start.isError && !refusedFolder && <ErrorPanel error={start.error} title="The export could not start" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.isPending} disabled={tooMany}>
          Export {flowsText(flows.length)}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
