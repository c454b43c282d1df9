import { useState } from 'react'
import type { GdprSubjectData } from '../../../../shared/contract/privacy'
import { deleteConfirmationMatches, expectedDeleteConfirmation } from '../../../../shared/privacyRules'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Field } from '../../ui/Field'

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
  const [problem, setProblem] = useState<string>()
  const expected = expectedDeleteConfirmation(subject)
  const confirm = () => {
    if (!deleteConfirmationMatches(subject, typed)) {
      setProblem(`Type “${expected}” exactly to confirm.`)
      return
    }
    onConfirm(typed)
  }
  const cancel = () => {
    setTyped('')
    setProblem(undefined)
    onCancel()
  }
  return (
    <ConfirmDialog
      open={open}
      title="Delete this person’s data?"
      confirmLabel="Delete personal data"
      onConfirm={confirm}
      onCancel={cancel}
      busy={busy}
      error={error}
    >
      <p>
        Genesys Cloud will erase the personal data of <strong>{subject.name || 'this subject'}</strong> that matches these identifiers,
        wherever it is stored. This cannot be undone, and the request cannot be cancelled once sent.
      </p>
      <Field label={`Type “${expected}” to confirm`} error={problem}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={typed}
            onChange={(e) => (setTyped(e.target.value), setProblem(undefined))}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), confirm())}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
    </ConfirmDialog>
  )
}
