import { useEffect, useMemo, useRef, useState } from 'react'
import type { FlowRow } from '../../../../shared/contract/flows'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { Identifier } from '../../ui/Identifier'
import { ArchiveForm } from './ArchiveForm'
import { ComparePanel } from './ComparePanel'
import { ProblemText } from './FlowRowCells'
import { FlowTypeLabel } from './FlowTypeLabel'
import { policyText, versionsText } from './flowWords'
import { ticksArePolicyChoice } from './flowRules'
import { useFlowsWorkspace } from './flowsWorkspace'
import { selectVersionsByPolicy } from '../../../../shared/flowRetention'
import { useFlowSettings, useFlowVersions } from './useFlows'
import { VersionTimeline } from './VersionTimeline'

/** The open flow: its history as a timeline, versions ticked by policy or by hand, archive them, compare two. */
export function VersionHistory({ flowId, listed }: { flowId: string; listed?: FlowRow }) {
  const versions = useFlowVersions(flowId)
  const settings = useFlowSettings()
  const selected = useFlowsWorkspace((s) => s.selectedVersions)
  const ticksFromPolicy = useFlowsWorkspace((s) => s.ticksFromPolicy)
  const setSelected = useFlowsWorkspace((s) => s.setSelectedVersions)
  const openFlow = useFlowsWorkspace((s) => s.openFlow)
  const [archiving, setArchiving] = useState(false)
  const [picked, setPicked] = useState<string>()
  const heading = useRef<HTMLHeadingElement>(null)
  const flow = versions.data?.flow ?? listed
  const list = useMemo(() => versions.data?.versions ?? [], [versions.data])
  const chosen = list.filter((v) => selected.has(v.id))
  const policy = settings.data?.policy
  const name = flow?.name ?? 'this flow'

  // Opening a flow moves the keyboard to its history, which sits below the list.
  useEffect(() => {
    heading.current?.focus()
    heading.current?.scrollIntoView({ block: 'nearest' })
  }, [flowId])

  const selectByPolicy = () => {
    if (!policy) return
    const pick = selectVersionsByPolicy(list, policy, Date.now())
    setSelected(new Set(pick.map((v) => v.id)), policy)
    setPicked(pick.length === 0 ? 'The policy chooses none of these versions.' : `The policy chooses ${versionsText(pick.length)}.`)
  }
  const byPolicy = ticksArePolicyChoice(ticksFromPolicy, policy) && chosen.length > 0

  return (
    <section className="card flows-history" id="flows-history" aria-labelledby="flows-history-title">
      <div className="card-head">
        <h2 id="flows-history-title" className="card-title" ref={heading} tabIndex={-1}>
          Versions of {name}
        </h2>
        <div className="card-actions">
          <Button small variant="ghost" onClick={() => openFlow(null)}>
            Close
          </Button>
        </div>
      </div>
      {flow && <FlowFacts flow={flow} />}
      {versions.isPending && <p className="muted">Reading every page of the version history…</p>}
      {versions.isError && <ErrorPanel error={versions.error} title={`The versions of ${name} could not be read`} />}
      {versions.data && list.length === 0 && <p className="muted">This flow has no versions.</p>}
      {list.length > 0 && (
        <>
          <div className="flows-toolbar">
            <p className="num" role="status">
              {formatCount(chosen.length)} of {versionsText(list.length)} selected{picked && chosen.length > 0 ? ` · ${picked}` : ''}
            </p>
            <Button small onClick={selectByPolicy} disabled={!policy} title={policy ? policyText(policy) : undefined}>
              Select by policy
            </Button>
            <Button small onClick={() => setSelected(new Set(list.map((v) => v.id)))}>
              Select all
            </Button>
            <Button small variant="ghost" onClick={() => (setSelected(new Set()), setPicked(undefined))} disabled={chosen.length === 0}>
              Clear
            </Button>
            <div className="flows-toolbar-end">
              <Button variant="primary" disabled={chosen.length === 0} aria-expanded={archiving} onClick={() => setArchiving((v) => !v)}>
                Archive selected versions…
              </Button>
            </div>
          </div>
          {policy && (
            <p className="flows-policy-note muted">
              Retention policy: {policyText(policy)}
              {byPolicy ? '. The ticks are its choice: the archive job applies it again when it runs.' : '.'}
            </p>
          )}
          {archiving && chosen.length > 0 && (
            <ArchiveForm
              flows={[byPolicy ? { flowId } : { flowId, versionIds: chosen.map((v) => v.id) }]}
              what={`${versionsText(chosen.length)} of ${name}`}
              onClose={() => setArchiving(false)}
            />
          )}
          <VersionTimeline versions={list} flowName={name} />
          <ComparePanel flowId={flowId} versions={list} />
        </>
      )}
    </section>
  )
}

/** The flow's type, division, id and problems, above its history. */
function FlowFacts({ flow }: { flow: FlowRow }) {
  return (
    <div className="flows-facts">
      <dl className="flows-facts-list">
        <div>
          <dt>Type</dt>
          <dd>
            <FlowTypeLabel type={flow.type} />
          </dd>
        </div>
        {flow.division && (
          <div>
            <dt>Division</dt>
            <dd>{flow.division.name ?? flow.division.id}</dd>
          </div>
        )}
        <div>
          <dt>Flow id</dt>
          <dd>
            <code>
              <Identifier text={flow.id} />
            </code>
            <CopyButton text={flow.id} label={`Copy the id of ${flow.name}`} />
          </dd>
        </div>
      </dl>
      {flow.problems.map((problem, i) => (
        <ProblemText key={i} problem={problem} flowName={flow.name} />
      ))}
    </div>
  )
}
