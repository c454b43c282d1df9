import { BulkJobForm } from './bulk/BulkJobForm'
import { BulkJobList } from './bulk/BulkJobList'
import { useBulkJobUpdates } from './bulk/useBulkJobs'
import './bulk/bulk.css'

/**
 * Recording bulk jobs run by Genesys (EXPORT to S3, ARCHIVE, DELETE): for volumes a desktop should not
 * pull through its own connection. Create, see the estimate, execute, follow, list failures, cancel.
 */
export function BulkJobsPanel() {
  useBulkJobUpdates()
  return (
    <div className="bulk-panel">
      <p className="muted">
        For tens of thousands of recordings, Genesys Cloud does the work itself: this app never pulls such volumes through its own
        connection.
      </p>
      <BulkJobForm />
      <BulkJobList />
    </div>
  )
}
