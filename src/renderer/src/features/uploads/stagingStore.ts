import { create } from 'zustand'
import type { BatchMetadata, InspectResult } from '../../../../shared/contract/uploads'

/** Files dropped or picked but not started yet, and the batch's metadata. UI state only. */
interface StagingState {
  result: InspectResult | null
  /** "Preparing 12 of 40 files…" while paths are found or bytes staged. */
  preparing: { done: number; total: number } | null
  metadata: BatchMetadata
  force: boolean
  add(result: InspectResult): void
  setPreparing(preparing: { done: number; total: number } | null): void
  setMetadata(patch: Partial<BatchMetadata>): void
  setForce(force: boolean): void
  clear(): void
}

export const useStaging = create<StagingState>()((set) => ({
  result: null,
  preparing: null,
  metadata: { department: '', complianceTag: '', retentionDirective: '' },
  force: false,
  add: (result) =>
    set((state) => {
      const known = new Set(state.result?.files.map((f) => f.path))
      const files = [...(state.result?.files ?? []), ...result.files.filter((f) => !known.has(f.path))]
      return { result: { files, ignored: [...(state.result?.ignored ?? []), ...result.ignored] } }
    }),
  setPreparing: (preparing) => set({ preparing }),
  setMetadata: (patch) => set((state) => ({ metadata: { ...state.metadata, ...patch } })),
  setForce: (force) => set({ force }),
  clear: () => set({ result: null, force: false }),
}))
