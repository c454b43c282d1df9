import { REPLACEMENT_TERM_TYPES, type ReplacementTermInput, type ReplacementTermType } from '../../../../shared/contract/privacy'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { TERM_TYPE_WORDS } from './privacyWords'
import type { DraftErrors } from './requestDraft'

interface ReplacementTermsEditorProps {
  terms: ReplacementTermInput[]
  errors: DraftErrors
  onChange: (terms: ReplacementTermInput[]) => void
}

/** What an update replaces: each term is a kind of value, the value now stored, and the new value. */
export function ReplacementTermsEditor({ terms, errors, onChange }: ReplacementTermsEditorProps) {
  const set = (i: number, change: Partial<ReplacementTermInput>) => onChange(terms.map((t, j) => (j === i ? { ...t, ...change } : t)))
  return (
    <fieldset className="privacy-terms">
      <legend className="privacy-subhead">Replacement terms</legend>
      <p className="field-error" role={errors.terms ? 'alert' : undefined}>
        {errors.terms}
      </p>
      {terms.map((term, i) => (
        <div key={i} className="privacy-term" role="group" aria-label={`Replacement term ${i + 1}`}>
          <Field label="Kind">
            {(control) => (
              <select
                {...control}
                className="select"
                value={term.type}
                onChange={(e) => set(i, { type: e.target.value as ReplacementTermType })}
              >
                {REPLACEMENT_TERM_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {TERM_TYPE_WORDS[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Replace" error={errors.termRows?.[i]?.existingValue}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={term.existingValue}
                onChange={(e) => set(i, { existingValue: e.target.value })}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="With" error={errors.termRows?.[i]?.updatedValue}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={term.updatedValue}
                onChange={(e) => set(i, { updatedValue: e.target.value })}
                autoComplete="off"
              />
            )}
          </Field>
          <Button
            small
            variant="ghost"
            className="privacy-term-remove"
            onClick={() => onChange(terms.filter((_, j) => j !== i))}
            aria-label={`Remove replacement term ${i + 1}`}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button small onClick={() => onChange([...terms, { type: 'EMAIL', existingValue: '', updatedValue: '' }])}>
        Add replacement term
      </Button>
    </fieldset>
  )
}
