import type { FoundConversation, RecordingRow } from '../../../../shared/contract/recordings'
import type { AppErrorData } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { directionText, fileStateText, isKnownFileState, lengthText, mediaText, unavailableText } from './recordingWords'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import type { ResultItem } from './resultItems'
import { ShortId } from './ShortId'

interface ResultRowProps {
  item: ResultItem
  /** The Size column is there only when some recording has a size (recordingmetadata often gives none). */
  showSize: boolean
  onGetLink: (row: RecordingRow) => void
}

export function ResultRowCells({ item, showSize, onGetLink }: ResultRowProps) {
  if (item.kind === 'listing-failed') return <ListingFailedCells conversation={item.conversation} showSize={showSize} />
  return (
    <RecordingCells
      row={item.row}
      conversation={item.conversation}
      transcriptHere={item.transcriptHere}
      showSize={showSize}
      onGetLink={onGetLink}
    />
  )
}

interface RecordingCellsProps {
  row: RecordingRow
  conversation?: FoundConversation
  transcriptHere: boolean
  showSize: boolean
  onGetLink: (row: RecordingRow) => void
}

/** One recording: its conversation, when, where, what, its file's state, and what can be done with it. */
function RecordingCells({ row, conversation, transcriptHere, showSize, onGetLink }: RecordingCellsProps) {
  const key = `${row.conversationId}/${row.recordingId}`
  const checked = useRecordingsWorkspace((s) => s.selected.has(key))
  const toggle = useRecordingsWorkspace((s) => s.toggle)
  const openTranscript = useRecordingsWorkspace((s) => s.openTranscript)
  const downloadable = row.actions.includes('download')
  const start = row.startTime ?? conversation?.start
  const what = `recording ${row.recordingId} of conversation ${row.conversationId}`
  return (
    <>
      <div role="cell" className="rec-cell rec-select">
        {downloadable && (
          <input type="checkbox" aria-label={`Select ${what}`} checked={checked} onChange={(e) => toggle(key, e.target.checked)} />
        )}
      </div>
      <div role="rowheader" className="rec-cell rec-conversation">
        <ShortId id={row.conversationId} what="conversation id" />
      </div>
      <div role="cell" className="rec-cell rec-start">
        {start ? <DateTime iso={start} /> : '—'}
      </div>
      <div role="cell" className="rec-cell rec-queue">
        {conversation?.queueNames.length ? conversation.queueNames.join(', ') : '—'}
      </div>
      <div role="cell" className="rec-cell rec-type">
        <span>{directionText(conversation?.direction)}</span>
        <span className="muted">{mediaText(row.media)}</span>
      </div>
      <div role="cell" className="rec-cell rec-num num">
        {lengthText(row.durationMs)}
      </div>
      <div role="cell" className="rec-cell">
        {isKnownFileState(row.fileState) ? (
          <span className={`rec-state rec-state-${row.fileState.toLowerCase()}`}>{fileStateText(row.fileState)}</span>
        ) : (
          <code className="rec-state-raw" title="A file state this version of Switchboard does not know, as the org sent it">
            {row.fileState}
          </code>
        )}
      </div>
      {showSize && (
        <div role="cell" className="rec-cell rec-num num">
          {row.sizeBytes === undefined ? '—' : formatBytes(row.sizeBytes)}
        </div>
      )}
      <div role="cell" className="rec-cell rec-actions">
        {row.actions.includes('link') && (
          <Button small aria-label={`Get link for ${what}`} onClick={() => onGetLink(row)}>
            Get link
          </Button>
        )}
        {transcriptHere && (
          <Button small aria-label={`Transcript of conversation ${row.conversationId}`} onClick={() => openTranscript(row.conversationId)}>
            Transcript
          </Button>
        )}
        {row.actions.length === 0 && <span className="rec-unavailable">{unavailableText(row)}</span>}
      </div>
    </>
  )
}

/** A conversation whose recordings could not be listed: why, what to do, and the id support needs. */
function ListingFailedCells({ conversation, showSize }: { conversation: FoundConversation & { error: AppErrorData }; showSize: boolean }) {
  const { error } = conversation
  return (
    <>
      <div role="cell" className="rec-cell rec-select" />
      <div role="rowheader" className="rec-cell rec-conversation">
        <ShortId id={conversation.conversationId} what="conversation id" />
      </div>
      <div role="cell" className="rec-cell rec-failed" aria-colspan={showSize ? 7 : 6}>
        <p className="rec-problem">
          <strong>Recordings not listed:</strong> {error.message}
          {error.hint && <span className="rec-hint"> What to do: {error.hint}</span>}
        </p>
        {error.correlationId && (
          <p className="rec-correlation">
            Correlation id <code>{error.correlationId}</code>{' '}
            <CopyButton text={error.correlationId} label={`Copy correlation id for conversation ${conversation.conversationId}`} />
          </p>
        )}
      </div>
    </>
  )
}
