import { Button } from '../../../ui/Button'
import { Card } from '../../../ui/Card'
import { EmptyState } from '../../../ui/EmptyState'
import { ErrorPanel } from '../../../ui/ErrorPanel'
import { BulkJobRow } from './BulkJobRow'
import { useBulkJobs } from './useBulkJobs'

/** The org's bulk jobs, newest first; ours are followed by the core and change here as they go. */
export function BulkJobList() {
  const jobs = useBulkJobs()
  return (
    <Card
      title="Bulk jobs in this org"
      live
      actions={
        <Button small onClick={() => void jobs.refetch()} busy={jobs.isFetching}>
          Refresh
        </Button>
      }
    >
      {jobs.isPending && <p className="muted">Reading bulk jobs…</p>}
      {jobs.isError && <ErrorPanel error={jobs.error} title="The bulk jobs could not be read" />}
      {jobs.isSuccess && jobs.data.length === 0 && <EmptyState title="No bulk jobs yet">Create one above.</EmptyState>}
      {jobs.isSuccess && jobs.data.length > 0 && (
        <ul className="bulk-jobs">
          {jobs.data.map((job) => (
            <BulkJobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </Card>
  )
}
