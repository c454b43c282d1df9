import { create } from 'zustand'
import type { FlowListInput, FlowTypeFilter, RetentionPolicy } from '../../../../shared/contract/flows'

export type FlowsTab = 'flows' | 'verify' | 'remote'
export type PublishState = 'any' | 'published' | 'unpublished'

/** The list's filters as the admin last applied them. */
export interface FlowFilters {
  type: FlowTypeFilter | 'all'
  name: string
  publishState: PublishState
}

export const DEFAULT_FILTERS: FlowFilters = { type: 'all', name: '', publishState: 'any' }

/** The filters as flows.list takes them: no type means every type, a blank name no name filter. */
export function listInput(filters: FlowFilters): FlowListInput {
  const name = filters.name.trim()
  return {
    types: filters.type === 'all' ? [] : [filters.type],
    publishState: filters.publishState,
    ...(name ? { name } : {}),
  }
}

/** Which form is open under the flows list. */
export type FlowsForm = 'archive' | 'export' | null

/** UI state of the Flow archive screen that outlives a visit to another screen (in memory only). */
interface FlowsWorkspace {
  tab: FlowsTab
  filters: FlowFilters
  /** Flows ticked in the list, for archiving by policy or exporting. */
  selectedFlows: ReadonlySet<string>
  form: FlowsForm
  /** The flow whose version history is open. */
  openFlowId: string | null
  /** Versions ticked on the open flow's timeline. */
  selectedVersions: ReadonlySet<string>
  /** The policy whose choice the ticks are, untouched since "Select by policy" (the archive run is then one by policy). */
  ticksFromPolicy: RetentionPolicy | null
  setTab: (tab: FlowsTab) => void
  applyFilters: (filters: FlowFilters) => void
  toggleFlow: (id: string, on: boolean) => void
  setSelectedFlows: (ids: ReadonlySet<string>) => void
  openForm: (form: FlowsForm) => void
  openFlow: (id: string | null) => void
  toggleVersion: (id: string, on: boolean) => void
  setSelectedVersions: (ids: ReadonlySet<string>, fromPolicy?: RetentionPolicy) => void
}

export const useFlowsWorkspace = create<FlowsWorkspace>()((set) => ({
  tab: 'flows',
  filters: DEFAULT_FILTERS,
  selectedFlows: new Set(),
  form: null,
  openFlowId: null,
  selectedVersions: new Set(),
  ticksFromPolicy: null,
  setTab: (tab) => set({ tab }),
  applyFilters: (filters) => set({ filters }),
  toggleFlow: (id, on) => set((state) => ({ selectedFlows: toggled(state.selectedFlows, id, on) })),
  setSelectedFlows: (selectedFlows) => set({ selectedFlows }),
  openForm: (form) => set({ form }),
  openFlow: (openFlowId) =>
    set((state) => (state.openFlowId === openFlowId ? {} : { openFlowId, selectedVersions: new Set(), ticksFromPolicy: null })),
  toggleVersion: (id, on) => set((state) => ({ selectedVersions: toggled(state.selectedVersions, id, on), ticksFromPolicy: null })),
  setSelectedVersions: (selectedVersions, fromPolicy) => set({ selectedVersions, ticksFromPolicy: fromPolicy ?? null }),
}))

function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set)
  if (on) next.add(id)
  else next.delete(id)
  return next
}
