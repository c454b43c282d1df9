import type { FieldDef } from '../../../../shared/contract/schemas'
import { fieldSummary } from './fieldSummary'

/** A schema's fields, read-only: label, key, what it accepts. */
export function FieldsTable({ fields, caption }: { fields: FieldDef[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="schema-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Key</th>
            <th scope="col">Accepts</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.key}>
              <th scope="row">{field.title || field.name}</th>
              <td>
                <code>{field.key}</code>
              </td>
              <td>{fieldSummary(field)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
