import { parse } from 'csv-parse/sync'
import { AppError } from '../../../shared/errors'
import { abortableSleep, type GenesysClient } from '../genesys'
import { describeTransportError } from '../genesys/transportErrors'
import { OutboundError, sendOutbound } from '../net/outboundHttp'
import type { OutboundUrlRule } from '../net/outboundUrl'
import { createUploadReport, getUploadReport } from './uploadsApi'

export interface ReportRow {
  uploadKey: string
  uploadStatus: string
  contentMd5?: string
}

export interface ReportOptions {
  /** Presigns from this time on are listed (epoch ms); a margin for clock skew is taken off. */
  since: number
  /** Which links of this profile's API may be followed (the report file's signed URL). */
  links: OutboundUrlRule
  signal?: AbortSignal
  /** Largest report file read, counted after decompression; default 64 MiB. */
  maxReportBytes?: number
  /** Give up waiting for the report after this long; default 10 minutes. */
  maxWaitMs?: number
}

const CLOCK_MARGIN_MS = 5 * 60_000
/** A line per upload of the window: tens of thousands of lines fit many times over. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024
const REPORT_FILE_ATTEMPTS = 4

/**
 * Asks the API which presigned uploads completed: create an upload report, poll it until Completed,
 * then read the report file at its signed URL. This is how an interrupted PUT is settled: did the
 * bytes land (do not send them again) or not (send them again)?
 */
export async function readUploadReport(client: GenesysClient, options: ReportOptions): Promise<Map<string, ReportRow>> {
  const created = await createUploadReport(client, new Date(options.since - CLOCK_MARGIN_MS), options.signal)
  const signedUrl = await waitForReport(client, created.data.id, options)
  return parseReport(await fetchReportFile(signedUrl, options.links, options.maxReportBytes ?? MAX_REPORT_BYTES, options.signal))
}

async function waitForReport(client: GenesysClient, id: string, options: ReportOptions): Promise<string> {
  const deadline = Date.now() + (options.maxWaitMs ?? 10 * 60_000)
  for (let delay = 250; ; delay = Math.min(5000, delay * 1.5)) {
    const report = await getUploadReport(client, id, options.signal)
    if (report.data.state === 'Completed' && report.data.signedUrl) return report.data.signedUrl
    if (report.data.state === 'Failed') {
      throw unconfirmed('the upload report failed on the Genesys Cloud side', report.correlationId)
    }
    if (Date.now() + delay > deadline) throw unconfirmed('the upload report was not ready within 10 minutes', report.correlationId)
    await abortableSleep(delay, options.signal)
  }
}

/** The signed URL carries its own authorisation: no bearer token goes with it; no redirect is followed. */
async function fetchReportFile(url: string, links: OutboundUrlRule, limitBytes: number, signal?: AbortSignal): Promise<string> {
  let response
  try {
    response = await sendOutbound({
      method: 'GET',
      url,
      links,
      maxBodyBytes: limitBytes,
      signal,
      retry: { maxAttempts: REPORT_FILE_ATTEMPTS },
    })
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error
    if (error.code === 'cancelled' || error.code === 'response_too_large') throw error
    throw unconfirmed(`the report file could not be fetched: ${describeTransportError(error.transportCause)}`)
  }
  if (response.status < 200 || response.status >= 300) throw unconfirmed(`the report file could not be fetched (HTTP ${response.status})`)
  return response.body.toString('utf8')
}

/**
 * The report's columns are not documented: find them by name, loosely ("Upload Key", "upload_key" and
 * "UPLOADKEY" are one column), and refuse a file without them.
 */
export function parseReport(csv: string): Map<string, ReportRow> {
  const records = readReportRecords(csv)
  const rows = new Map<string, ReportRow>()
  if (records.length > 0 && (!('uploadkey' in records[0]) || !('uploadstatus' in records[0]))) {
    throw unconfirmed('the upload report has no uploadKey and uploadStatus columns')
  }
  for (const record of records) {
    const row: ReportRow = { uploadKey: record.uploadkey, uploadStatus: record.uploadstatus }
    if (record.contentmd5) row.contentMd5 = record.contentmd5
    rows.set(row.uploadKey, row)
  }
  return rows
}

/** A header reduced to its letters and digits, lower case: "Upload Key" -> "uploadkey". */
function reportColumnKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function readReportRecords(csv: string): Record<string, string>[] {
  try {
    return parse(csv, {
      columns: (header: string[]) => header.map(reportColumnKey),
      skip_empty_lines: true,
      bom: true,
    }) as Record<string, string>[]
  } catch {
    // csv-parse's messages quote the field it stopped at; the report's rows are not ours to repeat.
    throw unconfirmed('the upload report is not a CSV file Switchboard can read')
  }
}

function unconfirmed(reason: string, correlationId?: string): AppError {
  return new AppError({
    code: 'server_error',
    message: `Could not confirm whether an interrupted upload reached Genesys Cloud: ${reason}.`,
    hint: 'Nothing was sent again, so nothing is uploaded twice. Retry in a few minutes; if it keeps failing, check the recordings in Genesys Cloud before uploading the file again.',
    ...(correlationId ? { correlationId } : {}),
  })
}
