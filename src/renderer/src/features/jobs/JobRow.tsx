import type { JobView } from '../../../../shared/api'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { formatTime } from '../../ui/format'
import { Identifier } from '../../ui/Identifier'
import { ProgressBar } from '../../ui/ProgressBar'
import { JOB_STATE_WORDS, jobActions, jobPercent, jobProgressText, jobTone, kindWords, type JobAction } from './jobWords'

const ACTION_WORDS: Record<JobAction, string> = { pause: 'Pause', resume: 'Resume', cancel: 'Cancel', retry: 'Retry' }

interface JobRowProps {
  job: JobView
  busy: boolean
  onAction(action: JobAction, id: string): void
}

/** One job: what it is, where it stands, how far, why it failed and what to do, and its controls. */
export function JobRowCells({ job, busy, onAction }: JobRowProps) {
  return (
    <>
      <div role="rowheader" className="jobs-cell jobs-name">
        <span className="jobs-title">
          <Identifier text={job.title} />
        </span>
        <span className="jobs-kind" title={`Last change ${formatTime(job.updatedAt)}`}>
          <span>{kindWords(job.kind)} ·</span>{' '}
          <span className="jobs-started">
            started <DateTime iso={job.createdAt} />
          </span>
        </span>
      </div>
      <div role="cell" className="jobs-cell">
        <span className={`jobs-state jobs-state-${job.state}`}>{JOB_STATE_WORDS[job.state]}</span>
      </div>
      <div role="cell" className="jobs-cell">
        <Progress job={job} />
        {job.error && <Problem job={job} />}
      </div>
      <div role="cell" className="jobs-cell jobs-actions">
        {jobActions(job).map((action) => (
          <Button
            key={action}
            small
            variant={action === 'cancel' ? 'ghost' : 'secondary'}
            busy={busy}
            aria-label={`${ACTION_WORDS[action]} ${job.title}`}
            onClick={() => onAction(action, job.id)}
          >
            {ACTION_WORDS[action]}
          </Button>
        ))}
      </div>
    </>
  )
}

function Progress({ job }: { job: JobView }) {
  const percent = jobPercent(job)
  const text = jobProgressText(job)
  if (percent === undefined && !text) return null
  return (
    <div className="jobs-progress">
      {percent !== undefined && <ProgressBar percent={percent} label={`${job.title}: ${percent}%`} tone={jobTone(job.state)} />}
      {text && <span className="jobs-progress-text">{text}</span>}
    </div>
  )
}

function Problem({ job }: { job: JobView }) {
  const error = job.error
  if (!error) return null
  return (
    <p className="jobs-problem">
      <strong>{job.state === 'failed' ? 'Failed' : 'Last error'}:</strong> {error.message}
      {error.hint && <span className="jobs-hint"> What to do: {error.hint}</span>}
      {error.correlationId && (
        <span>
          {' '}
          Correlation id <code>{error.correlationId}</code>{' '}
          <CopyButton text={error.correlationId} label={`Copy correlation id of ${job.title}`} />
        </span>
      )}
    </p>
  )
}
