import type { BulkAction, BulkJobCreateInput } from '../../../../../shared/contract/recordings'

/** The form as typed: local date-times (datetime-local), before they become the contract's input. */
export interface BulkDraft {
  action: BulkAction
  from: string
  to: string
  queueIds: string[]
  integrationId: string
  /** Empty: now. */
  actionDate: string
  includeScreenRecordings: boolean
}

export type BulkDraftErrors = Partial<Record<'from' | 'to' | 'integrationId' | 'actionDate', string>>

const DAY = 86_400_000
const FIVE_YEARS = 5 * 365 * DAY

/** A datetime-local value for `ms` in the local zone ("2026-01-31T09:30"). */
export function localInputValue(ms: number): string {
  // The ISO text of the same wall-clock time in UTC is the local time's digits.
  const offsetMs = new Date(ms).getTimezoneOffset() * 60_000
  return new Date(ms - offsetMs).toISOString().slice(0, 16)
}

/** The last 7 days, an export, no queue filter. */
export function emptyDraft(now: number): BulkDraft {
  return {
    action: 'EXPORT',
    from: localInputValue(now - 7 * DAY),
    to: localInputValue(now),
    queueIds: [],
    integrationId: '',
    actionDate: '',
    includeScreenRecordings: true,
  }
}

/** The create input, or what must be fixed first (the core checks the same again). */
export function draftToInput(draft: BulkDraft, now: number): { input?: BulkJobCreateInput; errors: BulkDraftErrors } {
  const errors: BulkDraftErrors = {}
  const from = Date.parse(draft.from)
  const to = Date.parse(draft.to)
  if (!Number.isFinite(from)) errors.from = 'Choose when the range starts.'
  else if (from < now - FIVE_YEARS) errors.from = 'Bulk jobs reach conversations up to 5 years old.'
  if (!Number.isFinite(to)) errors.to = 'Choose when the range ends.'
  else if (Number.isFinite(from) && to <= from) errors.to = 'The end must be after the start.'
  if (draft.action === 'EXPORT' && !draft.integrationId) errors.integrationId = 'Choose the S3 integration to export to.'
  const actionDate = draft.actionDate ? Date.parse(draft.actionDate) : undefined
  if (actionDate !== undefined && !Number.isFinite(actionDate)) errors.actionDate = 'Choose a valid date, or leave it empty for now.'
  if (Object.keys(errors).length > 0) return { errors }
  return {
    errors,
    input: {
      action: draft.action,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      queueIds: draft.queueIds,
      ...(draft.action === 'EXPORT' ? { integrationId: draft.integrationId } : {}),
      ...(actionDate !== undefined ? { actionDate: new Date(actionDate).toISOString() } : {}),
      includeScreenRecordings: draft.includeScreenRecordings,
    },
  }
}
