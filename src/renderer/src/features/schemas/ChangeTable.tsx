import type { FieldChange } from '../../../../shared/contract/schemas'
import { ClassificationBadge } from './ClassificationBadge'
import { fieldSummary } from './fieldSummary'

interface ChangeTableProps {
  changes: FieldChange[]
  caption: string
  beforeLabel: string
  afterLabel: string
  /** Without it the table is read-only (history). */
  ticks?: { ticked: string[]; onToggle: (id: string, on: boolean) => void }
  /** Conflicts the admin decided after a 409, by field name. */
  decisions?: Record<string, 'theirs' | 'mine'>
}

const KIND_WORDS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const

/** "maxLength.lowered" -> "lowered"; "type.changed" -> "changed". */
function verbOf(kind: string): string {
  return kind.slice(kind.lastIndexOf('.') + 1)
}

/** An option added or removed is named already; other changes show from -> to. */
function showValues(a: FieldChange['attributes'][number]): boolean {
  if (a.kind === 'option.added' || a.kind === 'option.removed') return false
  return a.from !== undefined || a.to !== undefined
}

/** The side-by-side diff: before and after of each field, classified, with the reasons. */
export function ChangeTable({ changes, caption, beforeLabel, afterLabel, ticks, decisions }: ChangeTableProps) {
  return (
    <div className="table-scroll">
      <table className="schema-table change-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {ticks && <th scope="col">Apply</th>}
            <th scope="col">Field</th>
            <th scope="col">{beforeLabel}</th>
            <th scope="col">{afterLabel}</th>
            <th scope="col">Classification and why</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => {
            const label = change.after?.title || change.before?.title || change.name
            const on = ticks?.ticked.includes(change.id) ?? false
            return (
              <tr key={change.id} className={`change-${change.kind}${on ? ' is-ticked' : ''}`}>
                {ticks && (
                  <td className="cell-tick">
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={(e) => ticks.onToggle(change.id, e.target.checked)}
                      aria-label={`Apply: ${KIND_WORDS[change.kind].toLowerCase()} ${label} (${change.classification})`}
                    />
                  </td>
                )}
                <th scope="row" className="cell-field">
                  <span className={`kind-tag kind-${change.kind}`}>{KIND_WORDS[change.kind]}</span>
                  <span className="draft-label">{label}</span>
                  <code className="muted">{change.after?.key ?? change.before?.key}</code>
                  {decisions?.[change.name] && (
                    <span className="conflict-tag">Conflict: {decisions[change.name] === 'mine' ? 'took mine' : 'kept theirs'}</span>
                  )}
                </th>
                <td className="cell-side">{change.before ? fieldSummary(change.before) : <span className="muted">—</span>}</td>
                <td className="cell-side">{change.after ? fieldSummary(change.after) : <span className="muted">— removed</span>}</td>
                <td className="cell-class">
                  <ClassificationBadge value={change.classification} />
                  <p className="reason">{change.reason}</p>
                  {change.attributes.length > 1 || change.kind === 'changed' ? (
                    <ul className="attr-list" aria-label={`What changes in ${label}`}>
                      {change.attributes.map((a, i) => (
                        <li key={i}>
                          <span className="attr-name">{a.attribute}</span> {verbOf(a.kind)}
                          {showValues(a) && (
                            <span className="attr-values">
                              : {a.from ?? '—'} → {a.to ?? '—'}
                            </span>
                          )}
                          {change.attributes.length > 1 && (
                            <>
                              {' '}
                              <ClassificationBadge value={a.classification} />
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
