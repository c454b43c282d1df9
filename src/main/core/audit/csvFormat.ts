/**
 * CSV rows for the audit export, RFC 4180: comma-separated, CRLF line ends, a field quoted when it
 * holds a comma, quote, CR or LF (quotes doubled), a header row. The file starts with a UTF-8 byte
 * order mark because Excel reads a CSV without one in the local ANSI code page and garbles any
 * non-ASCII text; LibreOffice, Google Sheets and CSV libraries (csv-parse: bom option) handle the mark.
 * The last column, archive, names the archive file (archive/*.jsonl.gz) an entry was read from, and
 * is empty for entries of the live log. A text field that starts like a formula gets a leading apostrophe (files/csvFormula.ts: target names
 * come from the org, not from us).
 *
 * Rows are made from the line's bytes (see lineFields.ts) rather than through JSON.parse and a generic
 * CSV library: that keeps exporting a million entries to a couple of seconds.
 */
import { defuseFormula, startsLikeFormula } from '../files/csvFormula'
import { emptyWalkedLine, walkLine } from './lineWalker'

export const CSV_BOM = '\uFEFF'
export const CSV_COLUMNS = [
  'seq',
  'time',
  'profile',
  'org',
  'action',
  'target',
  'outcome',
  'latencyMs',
  'correlationId',
  'detail',
  'prev',
  'archive',
] as const
export const CSV_HEADER = CSV_COLUMNS.join(',') + '\r\n'

const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: string): string {
  if (!startsLikeFormula(value) && !NEEDS_QUOTES.test(value)) return value
  const safe = defuseFormula(value)
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const w = emptyWalkedLine()

/** One CSV row (with CRLF) for a well-formed line; undefined for a damaged one. `archive`: the archive file it comes from. */
export function csvRowFromLine(buf: Buffer, start: number, end: number, archive = ''): string | undefined {
  if (!walkLine(buf, start, end, w)) return undefined
  const latency = w.latencyMs === undefined ? '' : String(w.latencyMs)
  const correlation = w.correlationId === undefined ? '' : csvCell(w.correlationId)
  const detail = w.detailJson === undefined ? '' : csvCell(w.detailJson)
  return `${w.seq},${w.time},${csvCell(w.profile)},${csvCell(w.org)},${csvCell(w.action)},${csvCell(w.target)},${csvCell(w.outcome)},${latency},${correlation},${detail},${w.prev},${csvCell(archive)}\r\n`
}
