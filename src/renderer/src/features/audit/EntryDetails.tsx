import { forwardRef } from 'react'
import type { AuditEntry } from '../../../../shared/api'
import { formatTimeWithSeconds } from '../../ui/format'
import { OutcomeLabel } from './OutcomeLabel'
import { Fact } from '../../ui/Fact'

interface EntryDetailsProps {
  entry?: AuditEntry
}

/** The whole of one entry: every field, its detail facts and the hash that chains it to the one before. */
export const EntryDetails = forwardRef<HTMLHeadingElement, EntryDetailsProps>(function EntryDetails({ entry }, headingRef) {
  return (
    <section className="card audit-details" aria-labelledby="audit-details-title">
      <h2 id="audit-details-title" ref={headingRef} tabIndex={-1} className="card-title">
        {entry ? `Entry #${entry.seq}` : 'Entry details'}
      </h2>
      {!entry ? (
        <p className="muted">Select an entry (click it, or move with the arrow keys and press Enter) to see all of it here.</p>
      ) : (
        <>
          <dl className="audit-facts">
            <Fact term="Time" value={`${formatTimeWithSeconds(entry.time)} (${entry.time})`} />
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
        </>
      )}
    </section>
  )
})
