import type { AuditOutcome } from '../../../../shared/api'
import type { AuditExportFormat } from '../../../../shared/contract/audit'

export const OUTCOME_LABEL: Record<AuditOutcome, string> = {
  ok: 'OK',
  error: 'Error',
  retry: 'Retry',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  pending: 'Intent',
}

export const FORMAT_LABEL: Record<AuditExportFormat, string> = { jsonl: 'JSON Lines', csv: 'CSV', bundle: 'Signed bundle' }

export const FORMAT_HINT: Record<AuditExportFormat, string> = {
  jsonl: 'The log’s own lines, byte for byte: each line’s hash can still be checked.',
  csv: 'For spreadsheets: UTF-8 with a header row; opens cleanly in Excel and LibreOffice.',
  bundle:
    'A zip with the entries, a manifest holding the chain’s head hash, its Ed25519 signature and the public key, and a README saying how to check them.',
}

/** "1,234" in the user's locale. */
export function count(n: number): string {
  return n.toLocaleString()
}

/** "2025-01-31 09:00:05" in local time: sortable, compact, seconds shown. */
export function shortTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)} %`
}
