import type { EnumOption } from '../../../../shared/contract/schemas'
import { Button } from '../../ui/Button'
import { nextOption } from './draft'

interface OptionsEditorProps {
  fieldLabel: string
  options: EnumOption[]
  onChange: (options: EnumOption[]) => void
}

/** The options of a drop-down: stored value, label agents see, disabled; add, rename, remove. */
export function OptionsEditor({ fieldLabel, options, onChange }: OptionsEditorProps) {
  const update = (index: number, next: EnumOption) => onChange(options.map((o, i) => (i === index ? next : o)))
  return (
    <fieldset className="options-editor">
      <legend>Options of {fieldLabel}</legend>
      <table className="schema-table compact">
        <thead>
          <tr>
            <th scope="col">Stored value</th>
            <th scope="col">Label</th>
            <th scope="col">Disabled</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((option, index) => (
            <tr key={index}>
              <td>
                <input
                  className="input"
                  aria-label={`Stored value of option ${index + 1}`}
                  value={option.value}
                  onChange={(e) => update(index, { ...option, value: e.target.value })}
                />
              </td>
              <td>
                <input
                  className="input"
                  aria-label={`Label of option ${index + 1}`}
                  value={option.title ?? ''}
                  onChange={(e) => update(index, { ...option, title: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Option ${index + 1} disabled`}
                  checked={Boolean(option.disabled)}
                  onChange={(e) => update(index, { ...option, disabled: e.target.checked })}
                />
              </td>
              <td>
                <Button
                  small
                  variant="ghost"
                  onClick={() => onChange(options.filter((_, i) => i !== index))}
                  aria-label={`Remove option ${option.value}`}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        small
        onClick={() =>
          onChange([...options, { ...nextOption(options), ...(options.every((o) => o.disabled !== undefined) ? { disabled: false } : {}) }])
        }
      >
        Add option
      </Button>
    </fieldset>
  )
}
