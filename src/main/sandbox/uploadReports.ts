import { randomUUID } from 'node:crypto'
import type { UploadStore } from './uploadStore'

export type UploadStatus = 'Pending' | 'Success' | 'Failure' | 'WaitForConversation'

export interface UploadReport {
  id: string
  state: 'InProgress' | 'Completed' | 'Failed'
  dateSince: number
  uploadStatus?: UploadStatus
  polls: number
  /** The report file, fixed when the report completes. */
  csv?: string
}

const CSV_COLUMNS = ['uploadKey', 'fileName', 'uploadStatus', 'dateCreated', 'dateUploaded', 'sizeBytes', 'contentMd5', 'errorMessage']

/**
 * Upload status reports. A report is InProgress when first polled and Completed from the next poll on,
 * so clients must poll, without tests depending on time.
 */
export class UploadReports {
  private readonly reports = new Map<string, UploadReport>()

  constructor(private readonly store: UploadStore) {}

  create(dateSince: number, uploadStatus: UploadStatus | undefined): UploadReport {
    const report: UploadReport = { id: randomUUID(), state: 'InProgress', dateSince, uploadStatus, polls: 0 }
    this.reports.set(report.id, report)
    return report
  }

  /** The report as a poll sees it; each poll moves it along. */
  poll(id: string): UploadReport | undefined {
    const report = this.reports.get(id)
    if (!report) return undefined
    report.polls += 1
    if (report.state === 'InProgress' && report.polls > 1) {
      report.csv = this.renderCsv(report)
      report.state = 'Completed'
    }
    return report
  }

  find(id: string): UploadReport | undefined {
    return this.reports.get(id)
  }

  private renderCsv(report: UploadReport): string {
    const stored = new Map(this.store.uploads().map((upload) => [upload.key, upload]))
    const rows = this.store
      .presigned()
      .filter((upload) => upload.createdAt >= report.dateSince)
      .filter((upload) => !report.uploadStatus || upload.status === report.uploadStatus)
      .map((upload) => {
        const object = stored.get(upload.key)
        return [
          upload.key,
          upload.fileName,
          upload.status,
          new Date(upload.createdAt).toISOString(),
          object?.completedAt ?? '',
          object ? String(object.size) : '',
          upload.contentMd5 ?? '',
          upload.errorMessage ?? '',
        ]
      })
    return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
  }
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
