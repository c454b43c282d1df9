import { useState, type FormEvent } from 'react'
import type { ArchiveStartInput } from '../../../../shared/contract/flows'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { folderRefusal, FolderInput } from './FolderInput'
import { policyText } from './flowWords'
import { useFlowSettings, useSaveFlowSettings, useStartArchive } from './useFlows'

interface ArchiveFormProps {
  flows: ArchiveStartInput['flows']
  /** What is archived, for the button and the form's name: "the versions of 3 flows", "8 versions of Main menu". */
  what: string
  onClose: () => void
  onStarted?: () => void
}

/** Where the versions go; then one archive job per flow starts. The folder is remembered for next time. */
export function ArchiveForm({ flows, what, onClose, onStarted }: ArchiveFormProps) {
  const settings = useFlowSettings()
  const saveSettings = useSaveFlowSettings()
  const start = useStartArchive()
  const [typed, setTyped] = useState<string>()
  const [error, setError] = useState<string>()
  const folder = typed ?? settings.data?.folder ?? ''
  const byPolicy = flows.some((flow) => !flow.versionIds)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    const chosen = folder.trim()
    try {
      const views = await start.mutateAsync({ folder: chosen, flows })
      // Remembered for next time, and for Verify and Compare: the core's real path of it (or of its default).
      const used = views[0]?.folder
      if (used && used !== settings.data?.folder) saveSettings.mutate({ folder: used })
      onStarted?.()
      onClose()
    } catch (e) {
      const refusal = folderRefusal(toAppError(e))
      if (refusal) setError(refusal)
    }
  }

  const refusedFolder = start.isError && folderRefusal(toAppError(start.error)) !== undefined
  return (
    <form className="flows-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Archive versions">
      <FolderInput
        label="Archive folder"
        what="archive"
        value={folder}
        onChange={(path) => (setTyped(path), setError(undefined))}
        error={error}
        onError={setError}
        placeholder="Empty: the default archive folder in Switchboard's data folder"
        hint="Full path; created if missing. Configurations go to configurations/<SHA-256>.json, one manifest per flow to manifests/. A folder can hold many flows and many runs: only what is new is written."
      />
      <p className="flows-form-what">
        {byPolicy && settings.data ? (
          <>
            Versions chosen by the retention policy when each job runs: <strong>{policyText(settings.data.policy)}</strong>.
          </>
        ) : byPolicy ? (
          'Versions chosen by the retention policy when each job runs.'
        ) : (
          'The versions ticked, whatever the policy says.'
        )}
      </p>
      {settings.isError && <ErrorPanel error={settings.error} title="The archive settings could not be read" />}
      {start.isError && !refusedFolder && <ErrorPanel error={start.error} title="The archive could not start" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.isPending}>
          Archive {what}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
