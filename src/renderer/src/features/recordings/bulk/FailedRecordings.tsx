import { Button } from '../../../ui/Button'
import { ErrorPanel } from '../../../ui/ErrorPanel'
import { useFailedRecordings } from './useBulkJobs'

/** The recordings a job could not act on, a page of up to 100 at a time. */
export function FailedRecordings({ jobId }: { jobId: string }) {
  const failed = useFailedRecordings(jobId, true)
  if (failed.isPending) return <p className="muted">Reading failed recordings…</p>
  if (failed.isError) return <ErrorPanel error={failed.error} title="The failed recordings could not be read" />
  const rows = failed.data.pages.flatMap((page) => page.entities)
  if (rows.length === 0) return <p className="muted">No recording failed.</p>
  return (
    <div className="bulk-failed">
      <table className="bulk-failed-table">
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            <th scope="col">Recording</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.conversationId}-${row.recordingId}-${i}`}>
              <td className="mono">{row.conversationId ?? '—'}</td>
              <td className="mono">{row.recordingId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failed.hasNextPage && (
        <Button small onClick={() => void failed.fetchNextPage()} busy={failed.isFetchingNextPage}>
          Show more
        </Button>
      )}
    </div>
  )
}
