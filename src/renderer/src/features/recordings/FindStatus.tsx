import type { FindWait, RecordingFindView } from '../../../../shared/contract/recordings'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { ProgressBar } from '../../ui/ProgressBar'
import { findWaitText, percent } from './recordingWords'
import { useCancelFind } from './useRecordings'
import { useTickUntil } from './useTick'

function conversations(n: number): string {
  return `${formatCount(n)} conversation${n === 1 ? '' : 's'}`
}

/** Where the search stands: pages read, conversations listed, or how it ended. */
export function FindStatus({ view }: { view: RecordingFindView }) {
  const cancel = useCancelFind()
  const running = view.state === 'searching' || view.state === 'listing'
  const recordings = view.recordings.length
  return (
    <section className="rec-find-status" aria-label="Search progress" aria-live="polite">
      {view.state === 'searching' && (
        <p>
          Searching: page {formatCount(Math.max(1, view.pagesRead + 1))}
          {view.mode === 'job' ? ' of an analytics job (a long range is searched in the background)' : ''} ·{' '}
          {conversations(view.conversationsFound)} found so far
          {view.totalHits !== undefined ? ` of ${formatCount(view.totalHits)}` : ''}
        </p>
      )}
      {view.state === 'listing' && (
        <div className="rec-find-progress">
          <ProgressBar
            percent={percent(view.conversationsListed, view.conversationsFound)}
            label="Conversations whose recordings are listed"
          />
          <p>
            Listing recordings: {formatCount(view.conversationsListed)} of {conversations(view.conversationsFound)} ·{' '}
            {formatCount(recordings)} recording{recordings === 1 ? '' : 's'} so far
          </p>
        </div>
      )}
      {running && view.waiting && <WaitNote wait={view.waiting} />}
      {running && (
        <Button small onClick={() => cancel.mutate(view.id)} busy={cancel.isPending}>
          Cancel search
        </Button>
      )}
      {view.state === 'done' && (
        <p>
          Found {conversations(view.conversationsFound)} with {formatCount(recordings)} recording{recordings === 1 ? '' : 's'}
          {view.pagesRead > 0 ? ` (${formatCount(view.pagesRead)} page${view.pagesRead === 1 ? '' : 's'} read)` : ''}.
        </p>
      )}
      {view.conversationsFailed > 0 && (
        <Banner level="warning" title={`The recordings of ${conversations(view.conversationsFailed)} could not be listed.`}>
          Each one shows why in the table below, with what to do.
        </Banner>
      )}
      {view.state === 'cancelled' && (
        <Banner level="info" title="Search cancelled.">
          What was found before it stopped is listed below.
        </Banner>
      )}
      {view.state === 'failed' && (
        <ErrorPanel
          error={view.error ?? { code: 'internal', message: 'The search failed.', hint: 'Try again.' }}
          title="The search failed"
        />
      )}
      {cancel.isError && <ErrorPanel error={cancel.error} title="The search could not be cancelled" />}
    </section>
  )
}

/** Counts down while the find's requests wait, so the screen never sits silent; nothing once the time has passed. */
function WaitNote({ wait }: { wait: FindWait }) {
  const now = useTickUntil(wait.until)
  const text = findWaitText(wait, now)
  return text ? <p className="rec-find-wait">{text}</p> : null
}
