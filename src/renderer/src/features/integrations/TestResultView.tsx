import type { WebhookTestResult } from '../../../../shared/contract/webhooks'
import { Fact } from '../../ui/Fact'
import { formatMs } from '../../ui/format'
import { isSuccessStatus, testResultTitle } from './webhookWords'

/** What the endpoint answered to "Send test event": status, time, the start of its body, or why nothing came. */
export function TestResultView({ result }: { result: WebhookTestResult }) {
  const ok = isSuccessStatus(result.status) && !result.error
  return (
    <div className={`wh-test ${ok ? 'wh-test-ok' : 'wh-test-bad'}`} role="status" aria-label="Test event result">
      <p className="wh-test-title">
        <span className="wh-test-word">{ok ? 'Delivered:' : 'Not delivered:'}</span> {testResultTitle(result)}
      </p>
      <dl className="facts">
        {result.status !== undefined && <Fact term="HTTP status" value={String(result.status)} />}
        <Fact term="Latency" value={formatMs(result.latencyMs)} />
        <Fact term="Event id" value={result.delivery.eventId} mono copy="Copy event id" />
      </dl>
      {result.error && (
        <p className="wh-test-error">
          {result.error.message} <span className="error-hint-label">What to do:</span> {result.error.hint}
        </p>
      )}
      {result.bodyStart !== undefined && result.bodyStart !== '' && (
        <div className="wh-test-body">
          <p className="muted">The start of its answer:</p>
          <pre className="mono">{result.bodyStart}</pre>
        </div>
      )}
    </div>
  )
}
