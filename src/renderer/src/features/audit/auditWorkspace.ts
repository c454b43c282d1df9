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
}

export const EMPTY_DRAFT: FilterDraft = { from: '', to: '', org: '', action: '', outcome: '', text: '' }

interface AuditWorkspace {
  tab: AuditTab
  draft: FilterDraft
  /** The filter in force: the draft once typing pauses (see useAppliedFilter). */
  applied: FilterDraft
  /** The entry shown in the details pane. */
  selected?: AuditEntry
  setTab: (tab: AuditTab) => void
  editDraft: (patch: Partial<FilterDraft>) => void
  apply: (draft: FilterDraft) => void
  clear: () => void
  select: (entry: AuditEntry | undefined) => void
}

export const useAuditWorkspace = create<AuditWorkspace>()((set) => ({
  tab: 'log',
  draft: EMPTY_DRAFT,
  applied: EMPTY_DRAFT,
  setTab: (tab) => set({ tab }),
  editDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  apply: (draft) => set({ applied: draft }),
  clear: () => set({ draft: EMPTY_DRAFT, applied: EMPTY_DRAFT }),
  select: (selected) => set({ selected }),
}))

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
  return filter
}

export function isFiltering(draft: FilterDraft): boolean {
  return Object.keys(toAuditFilter(draft)).length > 0
}

/** A stable key for caches and effects. */
export function filterKey(filter: AuditFilter): string {
  return JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)))
}
