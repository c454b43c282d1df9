import { useState, type FormEvent } from 'react'
import { FIELD_TYPE_LABELS, FIELD_TYPES, fieldKey, type FieldDef, type FieldType } from '../../../../shared/contract/schemas'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { nameProblem, newField } from './draft'

/** Adds a field to the proposal: a name (the key is name_type), a type and the label agents see. */
export function AddFieldForm({ fields, onAdd }: { fields: FieldDef[]; onAdd: (field: FieldDef) => void }) {
  const [name, setName] = useState('')
  const [type, setType] = useState<FieldType>('text')
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problem = nameProblem(name.trim(), fields)
    if (problem) return setError(problem)
    onAdd(newField(name.trim(), type, title.trim() || name.trim()))
    setName('')
    setTitle('')
    setError(undefined)
  }
  return (
    <form className="add-field" aria-label="Add a field" onSubmit={submit}>
      <Field
        label="Field name"
        hint={
          name ? (
            <>
              Key: <code>{fieldKey(name.trim() || 'name', type)}</code>
            </>
          ) : (
            'e.g. preferred_channel'
          )
        }
        error={error}
      >
        {(control) => <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Field type">
        {(control) => (
          <select {...control} className="select" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
            {FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {FIELD_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Field label">
        {(control) => <input {...control} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Button type="submit">Add field</Button>
    </form>
  )
}
