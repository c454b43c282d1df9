import type { AuditOutcome } from '../../../../shared/api'
import type { AuditExportFormat } from '../../../../shared/contract/audit'
import { formatCount } from '../../ui/format'

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

/** "1,234" in the admin's locale. */
export const count = formatCount

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)} %`
}
