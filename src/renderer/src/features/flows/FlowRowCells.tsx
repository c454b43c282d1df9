import { Fragment } from 'react'
import type { FlowProblem, FlowRow } from '../../../../shared/contract/flows'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { Identifier } from '../../ui/Identifier'
import { FlowTypeLabel } from './FlowTypeLabel'
import { useFlowsWorkspace } from './flowsWorkspace'

/** One flow: ticked or not, its name (opens its versions), type, division, where its versions stand, and what stops archiving it. */
export function FlowRowCells({ flow, selectable }: { flow: FlowRow; selectable: boolean }) {
  const checked = useFlowsWorkspace((s) => s.selectedFlows.has(flow.id))
  const toggle = useFlowsWorkspace((s) => s.toggleFlow)
  const openFlowId = useFlowsWorkspace((s) => s.openFlowId)
  const openFlow = useFlowsWorkspace((s) => s.openFlow)
  const open = openFlowId === flow.id
  return (
    <>
      <div role="cell" className="flows-cell flows-select">
        {selectable && (
          <input
            type="checkbox"
            aria-label={`Select flow ${flow.name}`}
            checked={checked}
            onChange={(e) => toggle(flow.id, e.target.checked)}
          />
        )}
      </div>
      <div role="rowheader" className="flows-cell flows-name">
        <button
          type="button"
          className={`flows-open${open ? ' is-open' : ''}`}
          aria-expanded={open}
          aria-controls="flows-history"
          title={`Show the versions of ${flow.name}`}
          onClick={() => openFlow(open ? null : flow.id)}
        >
          {flow.name}
        </button>
        {flow.description && <span className="flows-description muted">{flow.description}</span>}
      </div>
      <div role="cell" className="flows-cell">
        <FlowTypeLabel type={flow.type} />
      </div>
      <div role="cell" className="flows-cell flows-division">
        {flow.division ? (flow.division.name ?? <code>{flow.division.id}</code>) : '—'}
      </div>
      <div role="cell" className="flows-cell flows-versions">
        <VersionSummary flow={flow} />
      </div>
      {/* Problems take the row's second line, across the columns after the tick; none: said to screen readers only. */}
      {flow.problems.length === 0 ? (
        <div role="cell" className="sr-only">
          None
        </div>
      ) : (
        <div role="cell" className="flows-cell flows-problems">
          {flow.problems.map((problem, i) => (
            <ProblemText key={i} problem={problem} flowName={flow.name} />
          ))}
        </div>
      )}
    </>
  )
}

/** "Published 12.0" and when; the newer checked-in or saved version beside it. */
function VersionSummary({ flow }: { flow: FlowRow }) {
  const newer = [
    flow.checkedInVersion && flow.checkedInVersion !== flow.publishedVersion ? `checked in ${flow.checkedInVersion}` : '',
    flow.savedVersion && flow.savedVersion !== flow.checkedInVersion ? `saved ${flow.savedVersion}` : '',
  ].filter(Boolean)
  return (
    <>
      {flow.publishedVersion ? (
        <span>
          Published <strong className="num">{flow.publishedVersion}</strong>
          {flow.publishedAt && (
            <span className="muted">
              {' '}
              <DateTime iso={flow.publishedAt} dateOnly />
            </span>
          )}
        </span>
      ) : (
        <span className="flows-unpublished">Never published</span>
      )}
      {newer.length > 0 && (
        <span className="muted">
          {newer.map((text, i) => (
            <Fragment key={text}>
              {i > 0 && ' · '}
              <span className="flows-nowrap">{text}</span>
            </Fragment>
          ))}
        </span>
      )}
    </>
  )
}

const PROBLEM_WORDS: Record<string, string> = { locked: 'Locked', denied: 'Not readable' }

/** A problem on its row: what, why, what to do, and the id support needs. */
export function ProblemText({ problem, flowName }: { problem: FlowProblem; flowName: string }) {
  return (
    <p className={`flows-problem flows-problem-${problem.kind === 'denied' ? 'denied' : 'other'}`}>
      <strong>{PROBLEM_WORDS[problem.kind] ?? problem.kind}:</strong> {problem.reason}
      {problem.hint && <span className="flows-hint"> What to do: {problem.hint}</span>}
      {problem.correlationId && (
        <span className="flows-correlation">
          {' '}
          Correlation id{' '}
          <code>
            <Identifier text={problem.correlationId} />
          </code>{' '}
          <CopyButton text={problem.correlationId} label={`Copy the correlation id of ${flowName}`} />
        </span>
      )}
    </p>
  )
}
