import { create } from 'zustand'
import type { SubjectKind } from '../../../../shared/contract/privacy'
import type { RequestDraft } from './requestDraft'

/** UI state of the Privacy screen that outlives a visit to another screen. */
interface PrivacyWorkspace {
  draft: RequestDraft | null
  /** What the picked match is (user, external contact, ...), shown above the form. */
  kinds: SubjectKind[]
  /** The last request submitted from the form, to point at its card. */
  lastSubmitted: { id: string; foundAfterFailure: boolean } | null
  pick: (draft: RequestDraft, kinds: SubjectKind[]) => void
  update: (change: Partial<RequestDraft>) => void
  submitted: (id: string, foundAfterFailure: boolean) => void
  close: () => void
}

export const usePrivacyWorkspace = create<PrivacyWorkspace>()((set) => ({
  draft: null,
  kinds: [],
  lastSubmitted: null,
  pick: (draft, kinds) => set({ draft, kinds, lastSubmitted: null }),
  update: (change) => set((state) => (state.draft ? { draft: { ...state.draft, ...change } } : state)),
  submitted: (id, foundAfterFailure) => set({ draft: null, kinds: [], lastSubmitted: { id, foundAfterFailure } }),
  close: () => set({ draft: null, kinds: [] }),
}))
