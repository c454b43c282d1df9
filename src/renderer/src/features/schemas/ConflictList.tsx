import type { RebaseInfo, SchemaConflict } from '../../../../shared/contract/schemas'
import { fieldSummary } from './fieldSummary'

interface ConflictListProps {
  rebase: RebaseInfo
  decisions: Record<string, 'theirs' | 'mine'>
  busy: boolean
  onDecide: (conflict: SchemaConflict, choice: 'theirs' | 'mine') => void
}

/** Each field both admins changed differently: theirs and mine side by side, and the admin's choice. */
export function ConflictList({ rebase, decisions, busy, onDecide }: ConflictListProps) {
  if (rebase.conflicts.length === 0) return null
  const undecided = rebase.conflicts.filter((c) => !decisions[c.name]).length
  return (
    <section className="conflicts" aria-label="Conflicts to decide">
      <h3 className="sub-title">
        {rebase.conflicts.length} conflict{rebase.conflicts.length === 1 ? '' : 's'}:{' '}
        {undecided === 0 ? 'all decided' : `${undecided} to decide`}
      </h3>
      <ul>
        {rebase.conflicts.map((conflict) => (
          <ConflictItem
            key={conflict.name}
            conflict={conflict}
            theirVersion={rebase.theirVersion}
            choice={decisions[conflict.name]}
            busy={busy}
            onDecide={onDecide}
          />
        ))}
      </ul>
    </section>
  )
}

interface ConflictItemProps {
  conflict: SchemaConflict
  theirVersion: number
  choice?: 'theirs' | 'mine'
  busy: boolean
  onDecide: ConflictListProps['onDecide']
}

function ConflictItem({ conflict, theirVersion, choice, busy, onDecide }: ConflictItemProps) {
  const label = conflict.base?.title || conflict.theirs?.title || conflict.mine?.title || conflict.name
  return (
    <li className="conflict">
      <p>
        <strong>{label}</strong> — {conflict.reason}
      </p>
      <div className="conflict-sides">
        <Side title={`Theirs (version ${theirVersion})`} field={conflict.theirs} />
        <Side title="Mine" field={conflict.mine} />
      </div>
      <fieldset className="radio-group" disabled={busy}>
        <legend>Which version of {label} to keep?</legend>
        <label className="radio">
          <input
            type="radio"
            name={`conflict-${conflict.name}`}
            checked={choice === 'theirs'}
            onChange={() => onDecide(conflict, 'theirs')}
          />
          Keep theirs
        </label>
        <label className="radio">
          <input type="radio" name={`conflict-${conflict.name}`} checked={choice === 'mine'} onChange={() => onDecide(conflict, 'mine')} />
          Take mine
        </label>
      </fieldset>
    </li>
  )
}

function Side({ title, field }: { title: string; field?: SchemaConflict['theirs'] }) {
  return (
    <div className="conflict-side">
      <p className="muted">{title}</p>
      <p>{field ? fieldSummary(field) : 'Removed'}</p>
    </div>
  )
}
