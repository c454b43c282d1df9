/** Recording bulk jobs run by Genesys (EXPORT to S3, ARCHIVE, DELETE): create, execute, follow, cancel. */
export function BulkJobsPanel() {
  return <p>Bulk jobs are on their way.</p>
}
