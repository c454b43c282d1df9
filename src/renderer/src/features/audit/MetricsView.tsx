import type { AuditFilter } from '../../../../shared/contract/audit'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatSeconds } from '../../ui/format'
import { ActivityChart } from './ActivityChart'
import { formatTimeWithSeconds } from '../../ui/format'
import { count, percent } from './auditWords'
import { useAuditMetrics } from './useAudit'

/** Per workflow: success rate, p50 and p95 latency, retries and rate-limit waits; and activity over time. */
export function MetricsView({ filter, filtering }: { filter: AuditFilter; filtering: boolean }) {
  const metrics = useAuditMetrics(filter)
  if (metrics.error) return <ErrorPanel error={metrics.error} title="Could not compute the metrics" />
  const data = metrics.data
  if (!data)
    return (
      <p className="muted" aria-live="polite">
        Reading the log…
      </p>
    )
  if (data.entries === 0) return <EmptyState title={filtering ? 'No entries match these filters.' : 'The audit log is empty.'} />
  const span = `${formatTimeWithSeconds(data.firstTime ?? '')} to ${formatTimeWithSeconds(data.lastTime ?? '')}`
  return (
    <>
      <Card title="Per workflow">
        <p className="muted">
          {count(data.entries)} {filtering ? 'matching ' : ''}entries from {span}. Success rate counts OK against errors; retries and
          rate-limit waits (HTTP 429) are counted apart.
        </p>
        <div className="audit-table-scroll">
          <table className="audit-metrics">
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col" className="num">
                  Entries
                </th>
                <th scope="col" className="num">
                  Success rate
                </th>
                <th scope="col" className="num">
                  p50 latency
                </th>
                <th scope="col" className="num">
                  p95 latency
                </th>
                <th scope="col" className="num">
                  Retries
                </th>
                <th scope="col" className="num">
                  Rate-limit waits
                </th>
              </tr>
            </thead>
            <tbody>
              {data.workflows.map((w) => (
                <tr key={w.workflow}>
                  <th scope="row" className="mono">
                    {w.workflow}
                  </th>
                  <td className="num">{count(w.total)}</td>
                  <td className="num">{percent(w.successRate)}</td>
                  <td className="num">{w.latencyP50Ms === null ? '—' : `${Math.round(w.latencyP50Ms)} ms`}</td>
                  <td className="num">{w.latencyP95Ms === null ? '—' : `${Math.round(w.latencyP95Ms)} ms`}</td>
                  <td className="num">{count(w.retries)}</td>
                  <td className="num">
                    {w.rateLimitWaits === 0 ? '0' : `${count(w.rateLimitWaits)} (${formatSeconds(w.rateLimitWaitSeconds)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Activity over time">
        <p className="muted">Entries per {formatSeconds(data.bucketSeconds)}, with errors and retries drawn as a line.</p>
        <ActivityChart
          activity={data.activity}
          bucketSeconds={data.bucketSeconds}
          label={`Chart of ${count(data.entries)} entries over ${data.activity.length} periods of ${formatSeconds(data.bucketSeconds)}, busiest period ${count(Math.max(...data.activity.map((b) => b.total)))} entries.`}
        />
        <details className="audit-raw">
          <summary>The chart’s figures as a table</summary>
          <div className="audit-table-scroll audit-table-tall">
            <table className="audit-metrics">
              <thead>
                <tr>
                  <th scope="col">Period from</th>
                  <th scope="col" className="num">
                    Entries
                  </th>
                  <th scope="col" className="num">
                    Errors
                  </th>
                  <th scope="col" className="num">
                    Retries
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.activity.map((b) => (
                  <tr key={b.start}>
                    <th scope="row" className="num">
                      {formatTimeWithSeconds(b.start)}
                    </th>
                    <td className="num">{count(b.total)}</td>
                    <td className="num">{count(b.outcomes.error)}</td>
                    <td className="num">{count(b.outcomes.retry)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </Card>
    </>
  )
}
