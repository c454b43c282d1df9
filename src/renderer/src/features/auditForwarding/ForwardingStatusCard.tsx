import type { AuditForwardingStatus, ForwardingState } from '../../../../shared/contract/auditForwarding'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Fact } from '../../ui/Fact'
import { formatCount } from '../../ui/format'
import { StatusDot, type DotTone } from '../../ui/StatusDot'
import { usePauseResume, useSendTest } from './useAuditForwarding'

const STATE: Record<ForwardingState, { words: string; tone: DotTone }> = {
  off: { words: 'Off', tone: 'idle' },
  catching_up: { words: 'Catching up', tone: 'busy' },
  live: { words: 'Live: entries go as they are written', tone: 'ok' },
  paused: { words: 'Paused', tone: 'idle' },
  failing: { words: 'Failing: retrying', tone: 'bad' },
}

/** Where forwarding stands (cursor, backlog, state, last error), Pause / Resume, and Send test entry with the receiver's answer. */
export function ForwardingStatusCard({ status }: { status: AuditForwardingStatus }) {
  const pauseResume = usePauseResume()
  const test = useSendTest()
  const state = STATE[status.state] ?? { words: status.state, tone: 'idle' as DotTone }
  const on = status.state !== 'off'

  return (
    <Card
      title="Forwarding status"
      live
      actions={
        on && (
          <>
            <Button small busy={test.isPending} onClick={() => test.mutate()}>
              Send test entry
            </Button>
            <Button small busy={pauseResume.isPending} onClick={() => pauseResume.mutate(status.state !== 'paused')}>
              {status.state === 'paused' ? 'Resume' : 'Pause'}
            </Button>
          </>
        )
      }
    >
      <dl className="facts facts-grid">
        <Fact term="State">
          <StatusDot tone={state.tone} /> {state.words}
        </Fact>
        <Fact term="Acknowledged up to" value={on ? `seq ${formatCount(status.cursorSeq)}` : '—'} />
        <Fact term="Newest entry" value={`seq ${formatCount(status.headSeq)}`} />
        <Fact term="Backlog" value={on ? `${formatCount(status.backlog)} entries` : '—'} />
        <Fact term="Sent since start" value={formatCount(status.sentThisRun)} />
        <Fact term="Last acknowledged">{status.lastAckAt ? <DateTime iso={status.lastAckAt} seconds /> : '—'}</Fact>
      </dl>
      {status.lastError && status.state === 'failing' && (
        <Banner level="error" title={status.lastError.message}>
          <p>{status.lastError.hint}</p>
          {status.nextAttemptAt && (
            <p>
              Next attempt at <DateTime iso={status.nextAttemptAt} seconds />; nothing is lost meanwhile: forwarding goes on from the last
              acknowledged entry.
            </p>
          )}
        </Banner>
      )}
      {status.skipped && (
        <Banner level="warning" title={`Entries ${status.skipped.fromSeq} to ${status.skipped.toSeq} could not be forwarded`}>
          <p>{status.skipped.reason}</p>
          <p>{status.skipped.hint}</p>
        </Banner>
      )}
      {test.data && (
        <Banner
          level={test.data.ok ? 'success' : 'error'}
          title={test.data.ok ? 'The receiver took the test entry' : 'The test entry was not accepted'}
        >
          <p className="fwd-answer">{test.data.answer}</p>
          {test.data.error && <p>{test.data.error.hint}</p>}
        </Banner>
      )}
      {test.isError && <ErrorPanel error={test.error} title="The test entry could not be sent" />}
      {pauseResume.isError && <ErrorPanel error={pauseResume.error} title="Forwarding could not be paused or resumed" />}
    </Card>
  )
}
