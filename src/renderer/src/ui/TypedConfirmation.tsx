import type { ReactNode } from 'react'
import { Field } from './Field'

interface TypedConfirmationProps {
  /** What must be typed, exactly (case included). */
  expected: string
  /** The field's label; says what is being confirmed. */
  label: string
  value: string
  onChange: (value: string) => void
  /** Enter in the field, when it matches (a dialog's confirm). */
  onConfirm?: () => void
  hint?: ReactNode
}

/**
 * The typed confirmation of something that cannot be undone. The caller enables its button with
 * typedConfirmationMatches(value, expected); until then the field says what is still missing.
 */
export function TypedConfirmation({ expected, label, value, onChange, onConfirm, hint }: TypedConfirmationProps) {
  const differs = value.trim() !== '' && value.trim() !== expected
  const caseOnly = differs && value.trim().toLowerCase() === expected.toLowerCase()
  const problem = !differs ? undefined : caseOnly ? `Match the case too: type “${expected}”.` : `Type “${expected}” exactly.`
  return (
    <Field label={label} hint={hint} error={problem}>
      {(control) => (
        <input
          {...control}
          className="input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && onConfirm && value.trim() === expected) {
              e.preventDefault()
              onConfirm()
            }
          }}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Field>
  )
}
