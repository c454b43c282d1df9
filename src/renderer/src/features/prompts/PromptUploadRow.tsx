import type { PromptUploadView } from '../../../../shared/contract/prompts'
import { formatBytes } from '../../../../shared/format'
import { useTickUntil } from '../../hooks/useTickUntil'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { Identifier } from '../../ui/Identifier'
import { ProgressBar, type ProgressTone } from '../../ui/ProgressBar'
import { ACTIVE_STATES, formatPromptLength, percent, progressText, RESUMABLE_STATES, retryText, stateWord } from './promptWords'

type Action = 'pause' | 'resume' | 'cancel' | 'retry'

interface RowProps {
  row: PromptUploadView
  onAction(action: Action, id: string): void
}

/** One file of the batch: where it goes, where it stands, how far, and why not when it failed. */
export function UploadRowCells({ row, onAction }: RowProps) {
  const what = `${row.promptName} ${row.language}`
  const active = ACTIVE_STATES.includes(row.state)
  const resumable = RESUMABLE_STATES.includes(row.state)
  return (
    <>
      <div role="rowheader" className="prompt-cell prompt-file" title={row.path}>
        <Identifier text={row.fileName} />
      </div>
      <div role="cell" className="prompt-cell prompt-name">
        <Identifier text={row.promptName} /> <span className="mono prompt-lang">{row.language}</span>
        {row.replaced && <span className="prompt-note-inline"> · replacing</span>}
      </div>
      <div role="cell" className="prompt-cell">
        <span className={`prompt-state prompt-state-${row.state}`}>{row.retry ? 'Waiting to retry' : stateWord(row.state)}</span>
      </div>
      <div role="cell" className="prompt-cell">
        <Progress row={row} />
      </div>
      <div role="cell" className="prompt-cell prompt-row-actions">
        {active && (
          <Button small variant="ghost" aria-label={`Pause ${what}`} onClick={() => onAction('pause', row.id)}>
            Pause
          </Button>
        )}
        {resumable && (
          <Button small aria-label={`Resume ${what}`} onClick={() => onAction('resume', row.id)}>
            Resume
          </Button>
        )}
        {(active || resumable) && (
          <Button small variant="ghost" aria-label={`Cancel ${what}`} onClick={() => onAction('cancel', row.id)}>
            Cancel
          </Button>
        )}
        {(row.state === 'failed' || row.state === 'transcodeFailed' || row.state === 'cancelled') && (
          <Button small aria-label={`Retry ${what}`} onClick={() => onAction('retry', row.id)}>
            Retry
          </Button>
        )}
      </div>
      <div role="cell" className="prompt-cell prompt-details">
        <Details row={row} />
      </div>
    </>
  )
}

function Progress({ row }: { row: PromptUploadView }) {
  if (row.retry) return <RetryWait row={row} retry={row.retry} />
  if (row.state === 'transcoded') {
    return (
      <span className="prompt-progress-text">
        {formatBytes(row.totalBytes)} sent
        {row.durationSeconds !== undefined ? ` · ${formatPromptLength(row.durationSeconds)} of audio` : ''}
      </span>
    )
  }
  if (row.state === 'skipped' || row.state === 'cancelled') return null
  const value = percent(row.doneBytes, row.totalBytes)
  const text = row.state === 'transcoding' ? 'Sent; the platform is transcoding it' : progressText(row)
  return (
    <div className="prompt-progress">
      <ProgressBar percent={value} label={`${row.fileName}: ${value}% sent`} tone={tone(row.state)} />
      <span className="prompt-progress-text">{text}</span>
    </div>
  )
}

/** A row between attempts: the countdown to the next one, which one it is, and why. */
function RetryWait({ row, retry }: { row: PromptUploadView; retry: NonNullable<PromptUploadView['retry']> }) {
  const now = useTickUntil(retry.at)
  return (
    <div className="prompt-progress">
      <ProgressBar percent={percent(row.doneBytes, row.totalBytes)} label={`${row.fileName}: waiting to retry`} tone="idle" />
      <span className="prompt-progress-text">{retryText(retry, now)}</span>
    </div>
  )
}

function Details({ row }: { row: PromptUploadView }) {
  if (row.error) {
    return (
      <p className="prompt-problem">
        <strong>{row.state === 'transcodeFailed' ? 'Transcode failed' : 'Failed'}:</strong> {row.error.message}
        {row.error.hint && <span className="prompt-hint"> What to do: {row.error.hint}</span>}
        {row.error.correlationId && (
          <span className="prompt-correlation">
            {' '}
            Correlation id{' '}
            <code>
              <Identifier text={row.error.correlationId} />
            </code>{' '}
            <CopyButton text={row.error.correlationId} label={`Copy correlation id of ${row.fileName}`} />
          </span>
        )}
      </p>
    )
  }
  if (row.state === 'transcodeFailed') {
    return <p className="prompt-problem">The platform could not transcode this file: export it again as a plain WAV and upload it again.</p>
  }
  if (row.state === 'skipped') return <p className="prompt-note">Skipped: the prompt has this language already and you chose to keep it.</p>
  if (row.state === 'interrupted')
    return <p className="prompt-note">Stopped when Switchboard closed; Resume continues from where it stood.</p>
  if (row.uploadStatus && !['created', 'uploaded', 'transcoded', 'transcodeFailed'].includes(row.uploadStatus)) {
    return <p className="prompt-note">The platform says: {row.uploadStatus}</p>
  }
  return null
}

function tone(state: PromptUploadView['state']): ProgressTone {
  if (state === 'failed' || state === 'transcodeFailed') return 'failed'
  if (state === 'paused' || state === 'interrupted') return 'idle'
  return 'active'
}
