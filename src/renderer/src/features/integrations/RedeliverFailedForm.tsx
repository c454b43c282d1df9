import { useState, type FormEvent } from 'react'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { useRedeliverFailed } from './useWebhooks'
import { dayInputValue } from '../../ui/format'
import { periodRange, queuedText } from './webhookWords'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** Sends again every event of a period that ended failed (the first and last day included). */
export function RedeliverFailedForm({ endpointId }: { endpointId: string }) {
  const redeliver = useRedeliverFailed()
  const [fromDay, setFromDay] = useState(() => dayInputValue(new Date(Date.now() - WEEK_MS)))
  const [toDay, setToDay] = useState(() => dayInputValue(new Date()))
  const [problem, setProblem] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const range = periodRange(fromDay, toDay)
    if ('problem' in range) return setProblem(range.problem)
    setProblem(undefined)
    redeliver.mutate({ endpointId, ...range })
  }

  return (
    <form className="wh-period" onSubmit={submit} noValidate aria-label="Redeliver failed events">
      <label className="wh-inline-field">
        <span>Failed events from</span>
        <input
          className="input"
          type="date"
          value={fromDay}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => (setFromDay(e.target.value), setProblem(undefined))}
        />
      </label>
      <label className="wh-inline-field">
        <span>to</span>
        <input
          className="input"
          type="date"
          value={toDay}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => (setToDay(e.target.value), setProblem(undefined))}
        />
      </label>
      <Button type="submit" busy={redeliver.isPending}>
        Redeliver failed
      </Button>
      <p className="wh-period-result" role="status">
        {problem ? <span className="field-error">{problem}</span> : redeliver.data ? queuedText(redeliver.data.queued) : ''}
      </p>
      {redeliver.isError && <ErrorPanel error={redeliver.error} title="The failed events were not sent again" />}
    </form>
  )
}
