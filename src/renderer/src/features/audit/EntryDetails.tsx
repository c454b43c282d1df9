import { forwardRef, type KeyboardEvent } from 'react'
import type { AuditListedEntry as AuditEntry } from '../../../../shared/contract/audit'
import { ArchivedMark } from './ArchivedMark'
import { Button } from '../../ui/Button'
import { formatTimeWithSeconds } from '../../ui/format'
import { OutcomeLabel } from './OutcomeLabel'
import { Fact } from '../../ui/Fact'

interface EntryDetailsProps {
  entry: AuditEntry
  /** Close button or Escape: the pane goes and the focus returns to the entry's row. */
  onClose: () => void
}

/**
 * The whole of one entry, in a pane beside the table: every field, its detail facts and the hash
 * that chains it to the one before.
 */
export const EntryDetails = forwardRef<HTMLHeadingElement, EntryDetailsProps>(function EntryDetails({ entry, onClose }, headingRef) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onClose()
  }
  return (
    // Escape anywhere in the pane closes it, as in a dialog; the close button is the pointer's way.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section className="card audit-details" aria-labelledby="audit-details-title" onKeyDown={onKeyDown}>
      <div className="audit-details-head">
        <h2 id="audit-details-title" ref={headingRef} tabIndex={-1} className="card-title">
          {`Entry #${entry.seq}`}
        </h2>
        <Button small variant="ghost" onClick={onClose} aria-label="Close the entry details" title="Close (Escape)">
          ✕
        </Button>
      </div>
      <dl className="audit-facts">
        <Fact term="Time">
          <span>{formatTimeWithSeconds(entry.time)}</span>
          <code className="audit-iso">{entry.time}</code>
        </Fact>
        {entry.archive !== undefined && (
          <Fact term="Stored in">
            <ArchivedMark archive={entry.archive} />
            <code className="audit-iso">archive/{entry.archive}</code>
          </Fact>
        )}
        <Fact term="Profile" value={entry.profile || '—'} />
        <Fact term="Org" value={entry.org || '—'} />
        <Fact term="Action" value={entry.action} mono />
        <Fact term="Target" value={entry.target || '—'} mono />
        <div className="fact">
          <dt>Outcome</dt>
          <dd>
            <OutcomeLabel outcome={entry.outcome} />
          </dd>
        </div>
        <Fact term="Latency" value={entry.latencyMs === undefined ? '—' : `${entry.latencyMs} ms`} />
        <Fact
          term="Correlation id"
          value={entry.correlationId ?? '—'}
          mono
          copy={entry.correlationId ? 'Copy correlation id' : undefined}
        />
        {Object.entries(entry.detail ?? {}).map(([key, value]) => (
          <Fact key={key} term={key} value={value === null ? 'null' : String(value)} mono />
        ))}
        <Fact term="Previous line’s hash" value={entry.prev} mono />
      </dl>
      <details className="audit-raw">
        <summary>The entry as stored (JSON)</summary>
        <pre className="mono">{JSON.stringify(entry, null, 2)}</pre>
      </details>
    </section>
  )
})
