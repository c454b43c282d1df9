import { toAppError } from '../../../shared/errors'
import { Fact } from './Fact'

interface ErrorPanelProps {
  error: unknown
  /** What failed, e.g. "Connection test failed". */
  title?: string
}

/** Every failure the same way: what went wrong, what to do, and the ids support needs to trace it. */
export function ErrorPanel({ error, title = 'Something went wrong' }: ErrorPanelProps) {
  const e = toAppError(error)
  const fields = (e.details ?? []).map(describeDetail).filter(Boolean)
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{title}</p>
      <p className="error-message">{e.message}</p>
      {e.hint && (
        <p className="error-hint">
          <span className="error-hint-label">What to do:</span> {e.hint}
        </p>
      )}
      <dl className="facts">
        {e.status !== undefined && <Fact term="HTTP status" value={String(e.status)} />}
        {e.genesysCode && <Fact term="Genesys code" value={e.genesysCode} mono />}
        {e.correlationId && <Fact term="Correlation id" value={e.correlationId} mono copy="Copy correlation id" />}
        {e.contextId && <Fact term="Context id" value={e.contextId} mono copy="Copy context id" />}
        <Fact term="Error kind" value={e.code} mono />
      </dl>
      {fields.length > 0 && (
        <ul className="error-details">
          {fields.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

function describeDetail(detail: Record<string, unknown>): string {
  const parts = ['fieldName', 'errorCode', 'entityName', 'entityId']
    .map((key) => (typeof detail[key] === 'string' ? String(detail[key]) : ''))
    .filter(Boolean)
  return parts.join(': ')
}
