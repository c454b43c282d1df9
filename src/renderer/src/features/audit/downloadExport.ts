import { downloadFile } from '../../transport/downloadFile'

/** Web shell only: a finished export, as a browser download. */
export function downloadExport(jobId: string, fileName: string): Promise<void> {
  return downloadFile(`/api/audit-exports/${encodeURIComponent(jobId)}/file`, fileName, 'Export again, then download once it is done.')
}
