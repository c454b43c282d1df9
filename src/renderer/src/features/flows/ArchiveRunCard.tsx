import type { ArchiveView, RemoteDeliveryView } from '../../../../shared/contract/flows'
import { useJobControl } from '../../hooks/useJobControls'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Fact } from '../../ui/Fact'
import { ProgressBar, type ProgressTone } from '../../ui/ProgressBar'
import {
  ARCHIVE_STATE_WORDS,
  FINISHED_ARCHIVE_STATES,
  archiveCountsText,
  archivePercent,
  archivePhase,
  nothingNewText,
  policyText,
  remoteText,
  wordFor,
} from './flowWords'
import { ProblemText } from './FlowRowCells'
import { useSendRemote } from './useFlows'

/** One archive run of one flow: where it stands, what it wrote, its manifest, its remote copy, and its controls. */
export function ArchiveRunCard({ view, remoteEnabled }: { view: ArchiveView; remoteEnabled: boolean }) {
  const control = useJobControl()
  const send = useSendRemote()
  const finished = FINISHED_ARCHIVE_STATES.includes(view.state)
  const value = archivePercent(view)
  const label = `Archive of ${view.flowName}`
  const act = (action: 'pause' | 'resume' | 'cancel' | 'retry') => control.mutate({ action, id: view.id })
  const canSend = remoteEnabled && view.state === 'done' && !view.nothingNew && (!view.remote || view.remote.state === 'failed')
  return (
    <article className="flows-run" aria-label={label}>
      <div className="flows-run-head">
        <span className={`flows-run-state flows-run-${view.state}`}>{wordFor(ARCHIVE_STATE_WORDS, view.state)}</span>
        <strong>{view.flowName}</strong>
        <span className="muted">
          {view.selection === 'policy'
            ? `by the retention policy${view.policy ? ` (${policyText(view.policy)})` : ''}`
            : 'versions ticked by hand'}
        </span>
        <span className="muted">
          started <DateTime iso={view.createdAt} />
          {view.finishedAt && (
            <>
              , finished <DateTime iso={view.finishedAt} />
            </>
          )}
        </span>
      </div>
      <p className="flows-run-folder">
        to <code>{view.folder}</code>
      </p>
      <ProgressBar percent={value} label={`${label}: ${value}% done`} tone={tone(view)} />
      <p className="flows-run-counts num">
        {view.state === 'queued'
          ? 'Waiting for a free slot.'
          : view.state === 'running' && archivePhase(view) === 'reading'
            ? `Reading the version history… ${archiveCountsText(view)}`
            : archiveCountsText(view)}
      </p>
      {view.flowProblems?.map((problem, i) => (
        <ProblemText key={i} problem={problem} flowName={view.flowName} />
      ))}
      {view.nothingNew && view.state === 'done' && (
        <Banner level="info" title={nothingNewText(view.counts.selected)}>
          This run wrote no file; the manifest is unchanged.
        </Banner>
      )}
      <div className="flows-run-controls">
        {(view.state === 'running' || view.state === 'queued') && (
          <Button small onClick={() => act('pause')} aria-label={`Pause the ${label.toLowerCase()}`}>
            Pause
          </Button>
        )}
        {(view.state === 'paused' || view.state === 'interrupted') && (
          <Button small variant="primary" onClick={() => act('resume')} aria-label={`Resume the ${label.toLowerCase()}`}>
            Resume
          </Button>
        )}
        {!finished && (
          <Button small variant="ghost" onClick={() => act('cancel')} aria-label={`Cancel the ${label.toLowerCase()}`}>
            Cancel
          </Button>
        )}
        {view.state === 'failed' && (
          <Button small onClick={() => act('retry')} aria-label={`Retry the ${label.toLowerCase()}`}>
            Retry
          </Button>
        )}
        {canSend && (
          <Button small onClick={() => send.mutate(view.id)} busy={send.isPending}>
            {view.remote ? 'Send to the remote archive again' : 'Send to the remote archive'}
          </Button>
        )}
      </div>
      {control.isError && <ErrorPanel error={control.error} title="That did not work" />}
      {send.isError && <ErrorPanel error={send.error} title="The copy could not be sent" />}
      {view.error && <ErrorPanel error={view.error} title={view.state === 'failed' ? 'The archive failed' : 'The archive stopped'} />}
      {view.state === 'interrupted' && (
        <p className="muted">Stopped when Switchboard closed; Resume carries on without writing anything twice.</p>
      )}
      {(view.manifestPath || view.manifestSha256) && (
        <dl className="facts flows-run-facts">
          {view.manifestPath && <Fact term="Manifest" value={view.manifestPath} mono copy={`Copy the manifest path of ${view.flowName}`} />}
          {view.manifestSha256 && (
            <Fact term="Manifest SHA-256" value={view.manifestSha256} mono copy={`Copy the manifest SHA-256 of ${view.flowName}`} />
          )}
        </dl>
      )}
      {view.remote && <RemoteDelivery remote={view.remote} flowName={view.flowName} />}
    </article>
  )
}

/** The copy sent to the remote archive: its state, when it arrived or when it is tried again, and its idempotency key. */
function RemoteDelivery({ remote, flowName }: { remote: RemoteDeliveryView; flowName: string }) {
  return (
    <div className={`flows-remote flows-remote-${remote.state}`}>
      <p>
        <span className="flows-remote-label">Remote copy:</span> {remoteText(remote)}
        {remote.deliveredAt && (
          <>
            {' '}
            · <DateTime iso={remote.deliveredAt} />
          </>
        )}
        {remote.state === 'waiting' && remote.nextAttemptAt && (
          <>
            {' '}
            · next attempt <DateTime iso={remote.nextAttemptAt} />
          </>
        )}
      </p>
      <dl className="facts">
        <Fact term="Idempotency key" value={remote.idempotencyKey} mono copy={`Copy the idempotency key of ${flowName}'s copy`} />
      </dl>
      {remote.error && <ErrorPanel error={remote.error} title="The remote archive did not take the copy" />}
    </div>
  )
}

function tone(view: ArchiveView): ProgressTone {
  if (view.state === 'done') return view.counts.failed > 0 ? 'failed' : 'done'
  if (view.state === 'failed') return 'failed'
  if (view.state === 'running' || view.state === 'queued') return 'active'
  return 'idle'
}
