import type { UploadView } from '../../../../shared/contract/uploads'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { percent, progressText, retryText, STATE_WORDS, UNFINISHED_STATES } from './uploadWords'
import { useTickUntil } from '../../hooks/useTickUntil'
import { formatBytes } from '../../../../shared/format'
import { ProgressBar, type ProgressTone } from '../../ui/ProgressBar'
import { formatRecordingLength } from './recordingLength'

interface UploadRowProps {
  row: UploadView
  onCancel(id: string): void
  onRetry(id: string): void
}

/** One file: what it is, where it stands, how far, and why not when it failed. */
export function UploadRowCells({ row, onCancel, onRetry }: UploadRowProps) {
  const unfinished = UNFINISHED_STATES.includes(row.state)
  return (
    <>
      <div
        role="rowheader"
        className="upload-cell upload-name"
        title={row.uploadName ? `${row.path}\nSent as ${row.uploadName}` : row.path}
      >
        {row.name}
      </div>
      <div role="cell" className="upload-cell">
        {formatBytes(row.size)}
      </div>
      <div role="cell" className="upload-cell">
        {row.type?.toUpperCase() ?? '—'}
        {row.durationSeconds !== undefined && (
          <span className="upload-duration" title="Length of the recording">
            <span className="sr-only">, length </span>
            {formatRecordingLength(row.durationSeconds)}
          </span>
        )}
      </div>
      <div role="cell" className="upload-cell">
        <span className={`upload-state upload-state-${row.state}`}>{row.retry ? 'Waiting to retry' : STATE_WORDS[row.state]}</span>
      </div>
      <div role="cell" className="upload-cell">
        <Progress row={row} />
      </div>
      <div role="cell" className="upload-cell upload-action">
        {unfinished && (
          <Button small variant="ghost" aria-label={`Cancel ${row.name}`} onClick={() => onCancel(row.id)}>
            Cancel
          </Button>
        )}
        {(row.state === 'failed' || row.state === 'cancelled') && (
          <Button small aria-label={`Retry ${row.name}`} onClick={() => onRetry(row.id)}>
            Retry
          </Button>
        )}
      </div>
      <div role="cell" className="upload-cell upload-details">
        <Details row={row} />
      </div>
    </>
  )
}

function Progress({ row }: { row: UploadView }) {
  if (row.state === 'refused' || row.state === 'cancelled' || row.state === 'skipped') return null
  if (row.retry) return <RetryWait row={row} retry={row.retry} />
  if (STOPPED_STATES.includes(row.state)) {
    // What the summary counts too: the bytes this row has sent.
    const sent = percent(row.sentBytes, row.totalBytes)
    return (
      <div className="upload-progress">
        <ProgressBar percent={sent} label={`${row.name}: ${sent}% sent`} tone={progressTone(row.state)} />
        <span className="upload-progress-text">
          {formatBytes(row.sentBytes)} of {formatBytes(row.totalBytes)} sent
        </span>
      </div>
    )
  }
  const value = percent(row.doneBytes, row.totalBytes)
  const what = row.state === 'hashing' ? 'hashed' : row.state === 'done' ? 'uploaded' : 'sent'
  const text =
    row.state === 'hashing'
      ? `Hashing: ${formatBytes(row.doneBytes)} of ${formatBytes(row.totalBytes)}`
      : row.state === 'confirming'
        ? `${formatBytes(row.totalBytes)} sent; waiting for the storage to confirm`
        : progressText(row.doneBytes, row.totalBytes, row.bytesPerSecond, row.etaSeconds)
  return (
    <div className="upload-progress">
      <ProgressBar percent={value} label={`${row.name}: ${value}% ${what}`} tone={progressTone(row.state)} />
      <span className="upload-progress-text">{text}</span>
    </div>
  )
}

const STOPPED_STATES: UploadView['state'][] = ['queued', 'paused', 'interrupted', 'failed']

/** A row between attempts: the countdown to the next one, which one it is, and why. */
function RetryWait({ row, retry }: { row: UploadView; retry: NonNullable<UploadView['retry']> }) {
  const now = useTickUntil(retry.at)
  return (
    <div className="upload-progress">
      <ProgressBar percent={0} label={`${row.name}: waiting to retry`} tone="idle" />
      <span className="upload-progress-text">{retryText(retry, now)}</span>
    </div>
  )
}

function Details({ row }: { row: UploadView }) {
  if (row.error) {
    return (
      <p className="upload-problem">
        <strong>{row.state === 'refused' ? 'Refused' : 'Failed'}:</strong> {row.error.message}
        {row.error.hint && <span className="upload-hint"> What to do: {row.error.hint}</span>}
        {row.error.correlationId && (
          <span className="upload-correlation">
            {' '}
            Correlation id <code>{row.error.correlationId}</code>{' '}
            <CopyButton text={row.error.correlationId} label={`Copy correlation id of ${row.name}`} />
          </span>
        )}
      </p>
    )
  }
  if (row.skipReason) return <p className="upload-note">{row.skipReason}</p>
  if (row.state === 'interrupted')
    return <p className="upload-note">Stopped when Switchboard closed; “Resume all” continues from where it stood.</p>
  if (row.state === 'done' && row.retries)
    return (
      <p className="upload-note">
        Uploaded after {row.retries} retr{row.retries === 1 ? 'y' : 'ies'}.
      </p>
    )
  return null
}

function progressTone(state: UploadView['state']): ProgressTone {
  if (state === 'done') return 'done'
  if (state === 'failed') return 'failed'
  if (state === 'skipped' || state === 'paused' || state === 'interrupted') return 'idle'
  return 'active'
}
