import { useState } from 'react'
import type { BulkJobView } from '../../../../../shared/contract/recordings'
import { Badge } from '../../../ui/Badge'
import { Button } from '../../../ui/Button'
import { DateTime } from '../../../ui/DateTime'
import { ErrorPanel } from '../../../ui/ErrorPanel'
import { ProgressBar } from '../../../ui/ProgressBar'
import { actionWords, canCancel, canExecute, estimateWords, jobTone, outcomeWords, stateWords } from './bulkWords'
import { ExecuteDialog } from './ExecuteDialog'
import { FailedRecordings } from './FailedRecordings'
import { useCancelBulkJob, useExecuteBulkJob } from './useBulkJobs'

/** One bulk job: what it does to which conversations, its state and progress, and what can be done with it. */
export function BulkJobRow({ job }: { job: BulkJobView }) {
  const [executing, setExecuting] = useState(false)
  const [showFailed, setShowFailed] = useState(false)
  const execute = useExecuteBulkJob()
  const cancel = useCancelBulkJob()
  const outcome = outcomeWords(job)
  const ran = job.state === 'PROCESSING' || job.state === 'FULFILLED' || (job.percentProgress ?? 0) > 0
  return (
    <li className="bulk-job" aria-label={`${actionWords(job.action)} job ${job.id}`}>
      <div className="bulk-job-head">
        <strong>{actionWords(job.action)}</strong>
        <Badge tone={job.state === 'FULFILLED' ? 'success' : job.state === 'READY' ? 'accent' : 'neutral'}>{stateWords(job.state)}</Badge>
        {job.mine ? <Badge>made here</Badge> : job.createdBy && <span className="muted">by {job.createdBy}</span>}
        {job.dateCreated && (
          <span className="muted">
            created <DateTime iso={job.dateCreated} />
          </span>
        )}
      </div>
      <div className="bulk-job-facts">
        {job.from && job.to && (
          <span>
            Conversations <DateTime iso={job.from} /> – <DateTime iso={job.to} />
            {job.queueIds?.length ? ` in ${job.queueIds.length} queue(s)` : ''}
          </span>
        )}
        <span>{estimateWords(job)}</span>
        {outcome && <span>{outcome}</span>}
      </div>
      {ran && <ProgressBar percent={job.percentProgress ?? 0} label={`Progress of job ${job.id}`} tone={jobTone(job.state)} />}
      {job.errorMessage && <p className="bulk-job-error">{job.errorMessage}</p>}
      <div className="bulk-job-actions">
        {canExecute(job) && (
          <Button variant={job.action === 'DELETE' ? 'danger' : 'primary'} small onClick={() => setExecuting(true)}>
            Execute
          </Button>
        )}
        {canCancel(job) && (
          <Button small onClick={() => cancel.mutate(job.id)} busy={cancel.isPending}>
            Cancel job
          </Button>
        )}
        {job.state === 'FULFILLED' && (job.totalFailedRecordings ?? 0) > 0 && (
          <Button small onClick={() => setShowFailed((s) => !s)}>
            {showFailed ? 'Hide failed recordings' : `Failed recordings (${job.totalFailedRecordings})`}
          </Button>
        )}
        {job.following && <span className="muted">Following in the background</span>}
      </div>
      {cancel.isError && <ErrorPanel error={cancel.error} title="The job was not cancelled" />}
      {showFailed && <FailedRecordings jobId={job.id} />}
      {executing && (
        <ExecuteDialog
          job={job}
          busy={execute.isPending}
          error={execute.error ?? undefined}
          onCancel={() => {
            execute.reset()
            setExecuting(false)
          }}
          onConfirm={(confirmation) =>
            execute.mutate(
              { id: job.id, ...(confirmation !== undefined ? { confirmation } : {}) },
              { onSuccess: () => setExecuting(false) },
            )
          }
        />
      )}
    </li>
  )
}
