import { useState } from 'react'
import type { BulkJobView } from '../../../../../shared/contract/recordings'
import { typedConfirmationMatches } from '../../../../../shared/typedConfirmation'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { TypedConfirmation } from '../../../ui/TypedConfirmation'
import { actionWords, estimateWords } from './bulkWords'

interface ExecuteDialogProps {
  job: BulkJobView
  busy: boolean
  error?: unknown
  onConfirm: (confirmation?: string) => void
  onCancel: () => void
}

/** Executing a job; a DELETE needs its typed confirmation (the core checks the same text). */
export function ExecuteDialog({ job, busy, error, onConfirm, onCancel }: ExecuteDialogProps) {
  const [typed, setTyped] = useState('')
  const expected = job.confirmationText
  const needsTyping = job.action === 'DELETE'
  const confirmed = !needsTyping || (expected !== undefined && typedConfirmationMatches(typed, expected))
  const confirm = () => {
    if (confirmed) onConfirm(needsTyping ? typed : undefined)
  }
  return (
    <ConfirmDialog
      open
      title={`${actionWords(job.action)}: execute this job?`}
      confirmLabel={needsTyping ? 'Delete recordings' : 'Execute'}
      confirmDisabled={!confirmed}
      onConfirm={confirm}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      <p>
        Genesys Cloud will act on <strong>{estimateWords(job)}</strong>. It runs the job itself; this app follows its progress.
      </p>
      {needsTyping && expected && (
        <>
          <p>Deleted recordings cannot be brought back.</p>
          <TypedConfirmation
            expected={expected}
            label={`Type “${expected}” exactly to confirm`}
            value={typed}
            onChange={setTyped}
            onConfirm={confirm}
          />
        </>
      )}
    </ConfirmDialog>
  )
}
