import { useState, type FormEvent } from 'react'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { folderRefusal, FolderInput } from './FolderInput'
import { useFlowSettings, useVerifyArchive } from './useFlows'
import { VerifyReportView } from './VerifyReportView'

/** Check an archive folder against its manifests: every configuration file changed, missing or extra is named. */
export function VerifyTab() {
  const settings = useFlowSettings()
  const verify = useVerifyArchive()
  const [typed, setTyped] = useState<string>()
  const [error, setError] = useState<string>()
  const folder = typed ?? settings.data?.folder ?? ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    if (!folder.trim()) return setError('Type the full path of the archive folder.')
    verify.mutate(folder.trim(), { onError: (e) => setError(folderRefusal(toAppError(e))) })
  }

  const refusedFolder = verify.isError && folderRefusal(toAppError(verify.error)) !== undefined
  return (
    <div className="flows-tab-body">
      <Card title="Verify an archive folder">
        <form className="flows-verify-form" onSubmit={submit} noValidate aria-label="Verify an archive">
          <FolderInput
            label="Archive folder"
            what="archive"
            value={folder}
            onChange={(path) => (setTyped(path), setError(undefined))}
            error={error}
            onError={setError}
            hint="Every manifest in manifests/ is read; each configuration it lists is hashed again and compared, and files no manifest lists are named."
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={verify.isPending}>
              Verify
            </Button>
          </div>
        </form>
        {verify.isError && !refusedFolder && <ErrorPanel error={verify.error} title="The archive could not be verified" />}
      </Card>
      <div aria-live="polite">{verify.data && <VerifyReportView report={verify.data} />}</div>
    </div>
  )
}
