import type { AuditOutcome } from '../../../../shared/api'
import { OUTCOME_LABEL } from './auditWords'

const SYMBOL: Record<AuditOutcome, string> = { ok: '✓', error: '✕', retry: '↻', cancelled: '⊘', skipped: '–', pending: '…' }

/** The outcome in words with a symbol; colour only reinforces. */
export function OutcomeLabel({ outcome }: { outcome: AuditOutcome }) {
  return (
    <span className={`audit-outcome audit-outcome-${outcome}`}>
      <span aria-hidden="true">{SYMBOL[outcome]}</span> {OUTCOME_LABEL[outcome]}
    </span>
  )
}
