import { useState, type FormEvent } from 'react'
import type { RetentionPolicy } from '../../../../shared/contract/flows'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { NumberField } from '../../ui/NumberField'
import { policyText } from './flowWords'
import { useSaveFlowSettings } from './useFlows'

/** The retention policy archives by default: the last N days, at most M versions a flow, published only or not. */
export function PolicyPanel({ policy }: { policy: RetentionPolicy }) {
  const save = useSaveFlowSettings()
  const [lastDays, setLastDays] = useState(String(policy.lastDays))
  const [maxVersions, setMaxVersions] = useState(String(policy.maxVersions))
  const [publishedOnly, setPublishedOnly] = useState(policy.publishedOnly)
  const [problem, setProblem] = useState<{ field: 'days' | 'max'; text: string }>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    const days = Number(lastDays)
    const max = Number(maxVersions)
    if (!Number.isInteger(days) || days < 1 || days > 3650)
      return setProblem({ field: 'days', text: 'A whole number of days from 1 to 3,650.' })
    if (!Number.isInteger(max) || max < 1 || max > 10_000)
      return setProblem({ field: 'max', text: 'A whole number of versions from 1 to 10,000.' })
    save.mutate({ policy: { lastDays: days, maxVersions: max, publishedOnly } })
  }

  return (
    <details className="flows-policy">
      <summary>
        Retention policy: <span className="flows-policy-summary">{policyText(policy)}</span>
      </summary>
      <form className="flows-policy-form" onSubmit={submit} noValidate aria-label="Retention policy">
        <NumberField
          label="Versions of the last (days)"
          error={problem?.field === 'days' ? problem.text : undefined}
          min={1}
          max={3650}
          value={lastDays}
          onChange={setLastDays}
        />
        <NumberField
          label="At most (versions a flow)"
          error={problem?.field === 'max' ? problem.text : undefined}
          min={1}
          max={10000}
          value={maxVersions}
          onChange={setMaxVersions}
        />
        <label className="radio flows-policy-published">
          <input type="checkbox" checked={publishedOnly} onChange={(e) => setPublishedOnly(e.target.checked)} />
          Published versions only
        </label>
        <div className="flows-policy-actions">
          <Button type="submit" busy={save.isPending}>
            Save retention policy
          </Button>
          <span role="status" className="flows-saved">
            {save.isSuccess ? 'Saved.' : ''}
          </span>
        </div>
        {save.isError && <ErrorPanel error={save.error} title="The retention policy was not saved" />}
      </form>
    </details>
  )
}
