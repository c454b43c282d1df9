import type { JobView } from '../../../../shared/api'
import { VirtualTable } from '../../ui/VirtualTable'
import { JobRowCells } from './JobRow'
import type { JobAction } from './jobWords'

interface JobListProps {
  jobs: JobView[]
  busyId?: string
  onAction(action: JobAction, id: string): void
}

const CLASS_NAMES = {
  table: 'jobs-table',
  headRow: 'jobs-row jobs-head',
  scroll: 'jobs-scroll',
  row: (job: JobView) => `jobs-row jobs-row-${job.state}`,
}

/** Every shown job; only the rows in view are in the page, so a batch of thousands of uploads stays smooth. */
export function JobList({ jobs, busyId, onAction }: JobListProps) {
  return (
    <VirtualTable
      label="Jobs"
      items={jobs}
      estimatedRowHeight={56}
      classNames={CLASS_NAMES}
      columns={
        <>
          <div role="columnheader" className="jobs-cell">
            Job
          </div>
          <div role="columnheader" className="jobs-cell">
            State
          </div>
          <div role="columnheader" className="jobs-cell">
            Progress
          </div>
          <div role="columnheader" className="jobs-cell">
            <span className="sr-only">Actions</span>
          </div>
        </>
      }
      renderCells={(job) => <JobRowCells job={job} busy={busyId === job.id} onAction={onAction} />}
    />
  )
}
