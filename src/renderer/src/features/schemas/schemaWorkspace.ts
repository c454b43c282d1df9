import { create } from 'zustand'
import type { FieldDef, RebaseInfo, SchemaReview } from '../../../../shared/contract/schemas'

export type Panel = 'fields' | 'edit' | 'review' | 'history'

/** UI state of the Schemas screen: what is open, the draft being proposed, the review and the ticks. */
interface SchemaWorkspace {
  schemaId?: string
  panel: Panel
  draft?: { baseVersion: number; fields: FieldDef[] }
  review?: SchemaReview
  ticked: string[]
  /** What the last 409 told us; kept while the admin decides, even across re-reviews. */
  rebase?: RebaseInfo
  decisions: Record<string, 'theirs' | 'mine'>
  message?: string
  open: (schemaId: string) => void
  show: (panel: Panel) => void
  startDraft: (baseVersion: number, fields: FieldDef[]) => void
  setDraftFields: (fields: FieldDef[]) => void
  setReview: (review: SchemaReview) => void
  toggle: (id: string, on: boolean) => void
  decide: (name: string, choice: 'theirs' | 'mine') => void
  finish: (message: string) => void
  discard: () => void
}

export const useSchemaWorkspace = create<SchemaWorkspace>()((set) => ({
  panel: 'fields',
  ticked: [],
  decisions: {},
  open: (schemaId) =>
    set({
      schemaId,
      panel: 'fields',
      draft: undefined,
      review: undefined,
      ticked: [],
      rebase: undefined,
      decisions: {},
      message: undefined,
    }),
  show: (panel) => set({ panel }),
  startDraft: (baseVersion, fields) =>
    set({
      draft: { baseVersion, fields },
      panel: 'edit',
      review: undefined,
      ticked: [],
      rebase: undefined,
      decisions: {},
      message: undefined,
    }),
  setDraftFields: (fields) => set((s) => (s.draft ? { draft: { ...s.draft, fields } } : {})),
  // Every change of a new review starts unchecked; a 409's rebase info is kept until applied or discarded.
  setReview: (review) =>
    set((s) => ({
      review,
      panel: 'review',
      ticked: [],
      draft: { baseVersion: review.baseVersion, fields: review.proposed },
      ...(review.rebase ? { rebase: review.rebase, decisions: {} } : { rebase: s.rebase, decisions: s.decisions }),
    })),
  toggle: (id, on) => set((s) => ({ ticked: on ? [...new Set([...s.ticked, id])] : s.ticked.filter((t) => t !== id) })),
  decide: (name, choice) => set((s) => ({ decisions: { ...s.decisions, [name]: choice } })),
  finish: (message) => set({ panel: 'fields', draft: undefined, review: undefined, ticked: [], rebase: undefined, decisions: {}, message }),
  discard: () =>
    set({ panel: 'fields', draft: undefined, review: undefined, ticked: [], rebase: undefined, decisions: {}, message: undefined }),
}))
