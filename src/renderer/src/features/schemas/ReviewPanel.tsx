import { useState } from 'react'
import type { SchemaConflict } from '../../../../shared/contract/schemas'
import { typedConfirmationMatches } from '../../../../shared/typedConfirmation'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { TypedConfirmation } from '../../ui/TypedConfirmation'
import { ChangeTable } from './ChangeTable'
import { ConflictList } from './ConflictList'
import { decideConflict } from './draft'
import { ExportReview } from './ExportReview'
import { useSchemaWorkspace } from './schemaWorkspace'
import { useApplyChanges, useReviewProposal } from './useSchemas'

/** The classified review: tick what to apply, confirm destructive changes, apply with the version read. */
export function ReviewPanel({ schemaId }: { schemaId: string }) {
  const ws = useSchemaWorkspace()
  const review = ws.review!
  const apply = useApplyChanges()
  const reReview = useReviewProposal()
  const [confirmation, setConfirmation] = useState('')
  const tickedChanges = review.changes.filter((c) => ws.ticked.includes(c.id))
  const destructive = tickedChanges.filter((c) => c.classification === 'destructive')
  const undecided = (ws.rebase?.conflicts ?? []).filter((c) => !ws.decisions[c.name])
  const confirmed = destructive.length === 0 || typedConfirmationMatches(confirmation, review.schemaName)
  const canApply = tickedChanges.length > 0 && undecided.length === 0 && confirmed && review.limitViolations.length === 0

  const decide = (conflict: SchemaConflict, choice: 'theirs' | 'mine') => {
    ws.decide(conflict.name, choice)
    const proposed = decideConflict(review.proposed, conflict, choice)
    reReview.mutate({ schemaId, baseVersion: review.baseVersion, proposed }, { onSuccess: ws.setReview })
  }
  const runApply = () =>
    apply.mutate(
      {
        schemaId,
        baseVersion: review.baseVersion,
        proposed: review.proposed,
        ticked: ws.ticked,
        ...(destructive.length > 0 ? { confirmation: confirmation.trim() } : {}),
      },
      {
        onSuccess: (result) => {
          setConfirmation('')
          if (result.outcome === 'applied')
            ws.finish(
              `Applied ${result.appliedFields.length} change(s) to ${result.schema.name}: version ${result.fromVersion} → ${result.schema.version}.`,
            )
          else ws.setReview(result.review)
        },
      },
    )

  const { counts } = review
  return (
    <Card title={`Review changes to ${review.schemaName}`} live>
      <p className="review-summary">
        Relative to version {review.baseVersion}: {review.changes.length} change{review.changes.length === 1 ? '' : 's'} — {counts.safe}{' '}
        safe, {counts['data-dependent']} data-dependent, {counts.destructive} destructive. {tickedChanges.length} ticked to apply.
      </p>
      {ws.rebase && (
        <Banner
          level="warning"
          title={`Someone else changed this schema while you were editing (version ${ws.rebase.baseVersion} → ${ws.rebase.theirVersion}).`}
        >
          <p>
            Nothing of yours was sent. Your ticked changes were rebased onto version {ws.rebase.theirVersion}; their changes are kept
            {ws.rebase.theirChanges.length > 0 ? `: ${ws.rebase.theirChanges.map((c) => `${c.name} (${c.kind})`).join(', ')}` : ''}.
            {ws.rebase.merged.length > 0 ? ` Merged without conflict: ${ws.rebase.merged.join(', ')}.` : ''} Review and tick again, then
            apply.
          </p>
        </Banner>
      )}
      {ws.rebase && <ConflictList rebase={ws.rebase} decisions={ws.decisions} busy={reReview.isPending} onDecide={decide} />}
      {reReview.isError && <ErrorPanel error={reReview.error} title="Could not review the decision" />}
      {review.limitViolations.length > 0 && (
        <Banner
          level="error"
          title={`${review.limitViolations.length} limit violation${review.limitViolations.length === 1 ? '' : 's'}: correct them in the editor before applying.`}
        >
          <ul className="violations" aria-label="Limit violations">
            {review.limitViolations.map((v, i) => (
              <li key={i}>{v.message}</li>
            ))}
          </ul>
        </Banner>
      )}
      {review.changes.length === 0 ? (
        <EmptyState title="No changes">The proposal is the same as version {review.baseVersion}.</EmptyState>
      ) : (
        <ChangeTable
          changes={review.changes}
          caption={`Proposed changes to ${review.schemaName}`}
          beforeLabel={`Now (version ${review.baseVersion})`}
          afterLabel="Proposed"
          ticks={{ ticked: ws.ticked, onToggle: ws.toggle }}
          decisions={ws.decisions}
        />
      )}
      {destructive.length > 0 && (
        <div className="confirm-destructive">
          <p className="confirm-destructive-title">
            {destructive.length} ticked change{destructive.length === 1 ? ' is' : 's are'} destructive: existing data will no longer be
            shown.
          </p>
          <ul className="confirm-destructive-list" aria-label="What the destructive changes do">
            {destructive.map((c) => (
              <li key={c.id}>
                <strong>{c.after?.title || c.before?.title || c.name}</strong>: {c.reason}
              </li>
            ))}
          </ul>
          <TypedConfirmation
            expected={review.schemaName}
            label={`Type the schema name “${review.schemaName}” to confirm`}
            value={confirmation}
            onChange={setConfirmation}
          />
        </div>
      )}
      {undecided.length > 0 && <p className="muted">Decide every conflict before applying.</p>}
      {apply.isError && <ErrorPanel error={apply.error} title="The changes were not applied" />}
      <div className="form-actions">
        <Button onClick={() => ws.show('edit')}>Back to editor</Button>
        <Button variant="primary" onClick={runApply} disabled={!canApply} busy={apply.isPending}>
          Apply {tickedChanges.length || ''} ticked change{tickedChanges.length === 1 ? '' : 's'}
        </Button>
      </div>
      <ExportReview schemaId={schemaId} baseVersion={review.baseVersion} proposed={review.proposed} ticked={ws.ticked} />
    </Card>
  )
}
