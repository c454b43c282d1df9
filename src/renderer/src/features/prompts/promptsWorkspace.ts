import { create } from 'zustand'
import type { PromptPlan } from '../../../../shared/contract/prompts'
import type { ReplaceChoice } from './promptWords'

/** A dropped file refused in the page before any of its bytes were sent (web shell). */
export interface LocalRefusal {
  name: string
  reason: string
}

/** The Prompts tab's state before Start, and the library's search. UI state only (in memory). */
interface PromptsWorkspace {
  /** The batch's language for files whose name carries none; null until the saved setting is known. */
  defaultLanguage: string | null
  /** Every path handed to the plan so far (in a browser, staged copies). */
  paths: string[]
  localRefusals: LocalRefusal[]
  /** "Preparing 3 of 9 files…" while paths are found or bytes staged. */
  preparing: { done: number; total: number } | null
  plan: PromptPlan | null
  /** Replace items: what the admin chose; unset means skip. */
  choices: Record<string, ReplaceChoice>
  /** Keys the admin left out of the batch. */
  leftOut: ReadonlySet<string>
  /** The library's applied search and page. */
  library: { name: string; pageNumber: number }
  setDefaultLanguage(language: string): void
  addFiles(paths: string[], refusals: LocalRefusal[]): void
  setPreparing(preparing: { done: number; total: number } | null): void
  setPlan(plan: PromptPlan): void
  choose(key: string, choice: ReplaceChoice): void
  chooseAll(choice: ReplaceChoice): void
  leaveOut(key: string, out: boolean): void
  clear(): void
  searchLibrary(name: string): void
  showPage(pageNumber: number): void
}

export const usePromptsWorkspace = create<PromptsWorkspace>()((set) => ({
  defaultLanguage: null,
  paths: [],
  localRefusals: [],
  preparing: null,
  plan: null,
  choices: {},
  leftOut: new Set(),
  library: { name: '', pageNumber: 1 },
  setDefaultLanguage: (defaultLanguage) => set({ defaultLanguage }),
  addFiles: (paths, refusals) =>
    set((s) => ({
      paths: [...s.paths, ...paths.filter((p) => !s.paths.includes(p))],
      localRefusals: [...s.localRefusals, ...refusals],
    })),
  setPreparing: (preparing) => set({ preparing }),
  // Choices made on an earlier plan carry over to items of the same key.
  setPlan: (plan) => set({ plan }),
  choose: (key, choice) => set((s) => ({ choices: { ...s.choices, [key]: choice } })),
  chooseAll: (choice) =>
    set((s) => ({
      choices: Object.fromEntries((s.plan?.items ?? []).filter((i) => i.action === 'replace').map((i) => [i.key, choice])),
    })),
  leaveOut: (key, out) =>
    set((s) => {
      const leftOut = new Set(s.leftOut)
      if (out) leftOut.add(key)
      else leftOut.delete(key)
      return { leftOut }
    }),
  clear: () => set({ paths: [], localRefusals: [], plan: null, choices: {}, leftOut: new Set() }),
  searchLibrary: (name) => set({ library: { name, pageNumber: 1 } }),
  showPage: (pageNumber) => set((s) => ({ library: { ...s.library, pageNumber } })),
}))
