import type { ReactNode } from 'react'
import { Field } from './Field'

interface NumberFieldProps {
  label: string
  hint?: ReactNode
  error?: string
  min: number
  max: number
  /** The text typed, kept as typed so a half-typed number is not rewritten under the cursor. */
  value: string
  onChange: (value: string) => void
}

/** A labelled whole-number input with its bounds; the form decides what an out-of-range value means. */
export function NumberField({ label, hint, error, min, max, value, onChange }: NumberFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input {...control} className="input" type="number" min={min} max={max} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  )
}
