import { useState } from 'react'
import { useJobs } from '../../hooks/useJobs'
import { useJobControl, useResumeAll } from '../../hooks/useJobControls'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { JobList } from './JobList'
import { filterJobs, type JobFilter } from './jobWords'
import './jobs.css'

const FILTERS: { id: JobFilter; label: string }[] = [
  { id: 'unfinished', label: 'Unfinished' },
  { id: 'failed', label: 'Failed' },
  { id: 'all', label: 'All' },
]

/** Every job of every workflow (uploads, exports, ...) in one place, with the controls each allows. */
export function JobsScreen() {
  const jobs = useJobs()
  const control = useJobControl()
  const resumeAll = useResumeAll()
  const [filter, setFilter] = useState<JobFilter>('all')
  const all = jobs.data ?? []
  const shown = filterJobs(all, filter)
  const interrupted = all.filter((j) => j.state === 'interrupted').length
  const count = (f: JobFilter) => filterJobs(all, f).length

  return (
    <div className="jobs-screen">
      <ScreenHeader title="Jobs">
        <p>
          Long work of every workflow runs as a job: uploads, audit exports and more. Each is saved as it goes, so it survives a restart.
          Pause, resume, cancel or retry any of them here; the workflow&apos;s own screen shows the same jobs with their details.
        </p>
      </ScreenHeader>
      <div className="jobs-toolbar">
        <div className="jobs-filter" role="radiogroup" aria-label="Show jobs">
          {FILTERS.map((f) => (
            <label key={f.id} className={`jobs-filter-option${filter === f.id ? ' jobs-filter-on' : ''}`}>
              <input type="radio" name="jobs-filter" value={f.id} checked={filter === f.id} onChange={() => setFilter(f.id)} />
              {f.label} <span className="num">({count(f.id)})</span>
            </label>
          ))}
        </div>
        <Button
          variant={interrupted > 0 ? 'primary' : 'secondary'}
          disabled={interrupted === 0}
          busy={resumeAll.isPending}
          onClick={() => resumeAll.mutate(undefined)}
        >
          Resume all interrupted{interrupted > 0 ? ` (${interrupted})` : ''}
        </Button>
      </div>
      {jobs.isError && <ErrorPanel error={jobs.error} title="The jobs could not be listed" />}
      {control.isError && <ErrorPanel error={control.error} title={`Could not ${control.variables?.action ?? 'change'} the job`} />}
      {jobs.data && shown.length > 0 && (
        <JobList
          jobs={shown}
          busyId={control.isPending ? control.variables?.id : undefined}
          onAction={(action, id) => control.mutate({ action, id })}
        />
      )}
      {jobs.data && shown.length === 0 && (
        <EmptyState title={all.length === 0 ? 'No jobs yet' : 'No jobs match'}>
          {all.length === 0 ? 'Uploads, audit exports and other long work appear here once started.' : 'Choose “All” to see every job.'}
        </EmptyState>
      )}
      {jobs.isPending && <p className="muted">Loading jobs…</p>}
    </div>
  )
}
