import { useId } from 'react'
import { FIELD_TYPE_LABELS, FIELD_TYPES, TYPE_MAX_LENGTH, type FieldDef, type FieldType } from '../../../../shared/contract/schemas'
import { Button } from '../../ui/Button'
import { boundValue, setBound, withType } from './draft'
import { OptionsEditor } from './OptionsEditor'

interface FieldEditorProps {
  field: FieldDef
  onChange: (next: FieldDef) => void
  onRemove: () => void
}

/** Every editable attribute of one field; the inputs shown follow its type. */
export function FieldEditor({ field, onChange, onRemove }: FieldEditorProps) {
  const label = field.title || field.name
  const typeMax = TYPE_MAX_LENGTH[field.type]
  return (
    <div className="field-editor" role="group" aria-label={`Edit ${label}`}>
      <div className="editor-grid">
        <TextInput label="Label" value={field.title ?? ''} onChange={(v) => onChange({ ...field, title: v })} />
        <label className="field">
          <span className="field-label">Type</span>
          <select className="select" value={field.type} onChange={(e) => onChange(withType(field, e.target.value as FieldType))}>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {FIELD_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <TextInput
          label="Description"
          value={field.description ?? ''}
          onChange={(v) => onChange(setBound(field, 'description', v || undefined))}
        />
        <label className="check">
          <input type="checkbox" checked={field.required} onChange={(e) => onChange({ ...field, required: e.target.checked })} />
          Required
        </label>
        {typeMax !== undefined && (
          <>
            <NumberInput label="Minimum length" value={field.minLength} onChange={(v) => onChange(setBound(field, 'minLength', v))} />
            <NumberInput
              label={`Maximum length (at most ${typeMax})`}
              value={field.maxLength}
              onChange={(v) => onChange(setBound(field, 'maxLength', v))}
            />
          </>
        )}
        {(field.type === 'integer' || field.type === 'number') && (
          <>
            <NumberInput label="Minimum" value={field.minimum} onChange={(v) => onChange(setBound(field, 'minimum', v))} />
            <NumberInput label="Maximum" value={field.maximum} onChange={(v) => onChange(setBound(field, 'maximum', v))} />
          </>
        )}
        {field.type === 'tag' && (
          <>
            <NumberInput label="Most tags (at most 10)" value={field.maxItems} onChange={(v) => onChange(setBound(field, 'maxItems', v))} />
            <NumberInput
              label="Longest tag (at most 100)"
              value={field.itemMaxLength}
              onChange={(v) => onChange(setBound(field, 'itemMaxLength', v))}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={Boolean(field.uniqueItems)}
                onChange={(e) => onChange({ ...field, uniqueItems: e.target.checked })}
              />
              Each tag only once
            </label>
          </>
        )}
      </div>
      {field.type === 'enum' && (
        <OptionsEditor fieldLabel={label} options={field.options ?? []} onChange={(options) => onChange({ ...field, options })} />
      )}
      <div className="editor-actions">
        <p className="muted">
          Key <code>{field.key}</code>
        </p>
        <Button small variant="danger" onClick={onRemove}>
          Remove field {label}
        </Button>
      </div>
    </div>
  )
}

function TextInput({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId()
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}

function NumberInput({
  label,
  value,
  onChange,
}: {
  label: string
  value: number | undefined
  onChange: (value: number | undefined) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" type="number" value={value ?? ''} onChange={(e) => onChange(boundValue(e.target.value))} />
    </div>
  )
}
