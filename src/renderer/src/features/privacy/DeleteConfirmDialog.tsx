import { useState } from 'react'
import type { GdprSubjectData } from '../../../../shared/contract/privacy'
import { deleteConfirmationMatches, expectedDeleteConfirmation } from '../../../../shared/privacyRules'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { TypedConfirmation } from '../../ui/TypedConfirmation'

interface DeleteConfirmDialogProps {
  open: boolean
  subject: GdprSubjectData
  busy: boolean
  error?: unknown
  onConfirm: (typed: string) => void
  onCancel: () => void
}

/** The typed confirmation of a delete; the core checks the same text before it sends deleteConfirmed=true. */
export function DeleteConfirmDialog({ open, subject, busy, error, onConfirm, onCancel }: DeleteConfirmDialogProps) {
  const [typed, setTyped] = useState('')
  const expected = expectedDeleteConfirmation(subject)
  const matches = deleteConfirmationMatches(subject, typed)
  const confirm = () => {
    if (matches) onConfirm(typed)
  }
  const cancel = () => {
    setTyped('')
    onCancel()
  }
  return (
    <ConfirmDialog
      open={open}
      title="Delete this person’s data?"
      confirmLabel="Delete personal data"
      confirmDisabled={!matches}
      onConfirm={confirm}
      onCancel={cancel}
      busy={busy}
      error={error}
    >
      <p>
        Genesys Cloud will erase the personal data of <strong>{subject.name || 'this subject'}</strong> that matches these identifiers,
        wherever it is stored. This cannot be undone, and the request cannot be cancelled once sent.
      </p>
      <TypedConfirmation
        expected={expected}
        label={`Type “${expected}” exactly to confirm`}
        value={typed}
        onChange={setTyped}
        onConfirm={confirm}
      />
    </ConfirmDialog>
  )
}
