import { create } from 'zustand'
import type { AuditEntry, AuditOutcome } from '../../../../shared/api'
import type { AuditFilter } from '../../../../shared/contract/audit'

export type AuditTab = 'log' | 'metrics' | 'retention'

/** What the admin typed in the filter bar; `datetime-local` values are local times without a zone. */
export interface FilterDraft {
  from: string
  to: string
  org: string
  action: string
  outcome: '' | AuditOutcome
  text: string
  /** "Workflow steps" view: the api.call and api.intent lines (one per HTTP request) left out. */
  hideApiCalls: boolean
}

export const EMPTY_DRAFT: FilterDraft = { from: '', to: '', org: '', action: '', outcome: '', text: '', hideApiCalls: false }

interface AuditWorkspace {
  tab: AuditTab
  draft: FilterDraft
  /** The filter in force: the draft once typing pauses (see useAppliedFilter). */
  applied: FilterDraft
  /** The entry shown in the details pane. */
  selected?: AuditEntry
  /** The details pane beside the table is shown (it shows `selected`). */
  detailsOpen: boolean
  setTab: (tab: AuditTab) => void
  editDraft: (patch: Partial<FilterDraft>) => void
  apply: (draft: FilterDraft) => void
  clear: () => void
  select: (entry: AuditEntry | undefined) => void
  setDetailsOpen: (open: boolean) => void
  /** Switches between all entries and workflow steps only, at once (no typing to wait for). */
  showApiCalls: (show: boolean) => void
}

export const useAuditWorkspace = create<AuditWorkspace>()((set) => ({
  tab: 'log',
  draft: EMPTY_DRAFT,
  applied: EMPTY_DRAFT,
  detailsOpen: false,
  setTab: (tab) => set({ tab }),
  editDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  apply: (draft) => set({ applied: draft }),
  // The view (all entries or workflow steps) is not a filter the admin typed: Clear keeps it.
  clear: () =>
    set((s) => {
      const cleared = { ...EMPTY_DRAFT, hideApiCalls: s.draft.hideApiCalls }
      return { draft: cleared, applied: cleared }
    }),
  select: (selected) => set({ selected }),
  setDetailsOpen: (detailsOpen) => set({ detailsOpen }),
  showApiCalls: (show) => set((s) => ({ draft: { ...s.draft, hideApiCalls: !show }, applied: { ...s.applied, hideApiCalls: !show } })),
}))

/** Why the draft's time range cannot be asked for, in plain words; undefined when it can. */
export function rangeProblem(draft: FilterDraft): string | undefined {
  const from = localToIso(draft.from)
  const to = localToIso(draft.to)
  if (!from || !to || to > from) return undefined
  return to === from
    ? '“Until” is the same as “From”, so no entry could match. Showing the last valid filter.'
    : '“Until” is before “From”, so no entry could match. Showing the last valid filter.'
}

/** Typed filters, leaving out the view: what Clear filters clears. */
export function hasTypedFilters(draft: FilterDraft): boolean {
  return isFiltering({ ...draft, hideApiCalls: false })
}

/** A local `datetime-local` value as an ISO time, or undefined when empty or unreadable. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** The contract's filter for a draft: empty fields left out. */
export function toAuditFilter(draft: FilterDraft): AuditFilter {
  const filter: AuditFilter = {}
  const from = localToIso(draft.from)
  const to = localToIso(draft.to)
  if (from) filter.from = from
  if (to) filter.to = to
  if (draft.org) filter.org = draft.org
  if (draft.action.trim()) filter.action = draft.action.trim()
  if (draft.outcome) filter.outcome = draft.outcome
  if (draft.text.trim()) filter.text = draft.text.trim()
  if (draft.hideApiCalls) filter.hideApiCalls = true
  return filter
}

export function isFiltering(draft: FilterDraft): boolean {
  return Object.keys(toAuditFilter(draft)).length > 0
}

/** A stable key for caches and effects. */
export function filterKey(filter: AuditFilter): string {
  return JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)))
}
