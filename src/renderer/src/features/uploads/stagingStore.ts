import { create } from 'zustand'
import type { BatchMetadata, DuplicateFlag, InspectResult } from '../../../../shared/contract/uploads'

/** Where keyboard focus goes once the staged list has re-rendered. */
export type StagedFocus = { to: 'list' } | { to: 'dropZone' } | { to: 'row'; path: string }

/** Before Start: which files repeat content the org already has or an earlier file of the list. */
export type DuplicateReviewState =
  { state: 'idle' | 'checking' } | { state: 'done'; flags: Record<string, DuplicateFlag>; orgChecked: boolean }

/** Files dropped or picked but not started yet, and the batch's metadata. UI state only. */
interface StagingState {
  result: InspectResult | null
  /** "Preparing 12 of 40 files…" while paths are found or bytes staged. */
  preparing: { done: number; total: number } | null
  metadata: BatchMetadata
  force: boolean
  duplicates: DuplicateReviewState
  focus: StagedFocus | null
  add(result: InspectResult): void
  remove(path: string): void
  setPreparing(preparing: { done: number; total: number } | null): void
  setMetadata(patch: Partial<BatchMetadata>): void
  setForce(force: boolean): void
  setDuplicates(duplicates: DuplicateReviewState): void
  requestFocus(focus: StagedFocus | null): void
  clear(): void
}

export const useStaging = create<StagingState>()((set) => ({
  result: null,
  preparing: null,
  metadata: { department: '', complianceTag: '', retentionDirective: '' },
  force: false,
  duplicates: { state: 'idle' },
  focus: null,
  add: (result) =>
    set((state) => {
      const known = new Set(state.result?.files.map((f) => f.path))
      const files = [...(state.result?.files ?? []), ...result.files.filter((f) => !known.has(f.path))]
      return { result: { files, ignored: [...(state.result?.ignored ?? []), ...result.ignored] } }
    }),
  remove: (path) =>
    set((state) => (state.result ? { result: { ...state.result, files: state.result.files.filter((f) => f.path !== path) } } : {})),
  setPreparing: (preparing) => set({ preparing }),
  setMetadata: (patch) => set((state) => ({ metadata: { ...state.metadata, ...patch } })),
  setForce: (force) => set({ force }),
  setDuplicates: (duplicates) => set({ duplicates }),
  requestFocus: (focus) => set({ focus }),
  clear: () => set({ result: null, force: false, duplicates: { state: 'idle' } }),
}))

/** The paths a Start would upload (refused files are only reported). */
export function acceptedPaths(result: InspectResult | null): string[] {
  return (result?.files ?? []).filter((f) => !f.refusal).map((f) => f.path)
}
