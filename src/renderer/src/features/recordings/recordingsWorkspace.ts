import { create } from 'zustand'
import type { RangePreset } from './dateRange'

export type RecordingsTab = 'find' | 'bulk'
export type FindMode = 'search' | 'ids'

/** UI state of the Recordings screen that outlives a visit to another screen (in memory only: never links). */
interface RecordingsWorkspace {
  tab: RecordingsTab
  mode: FindMode
  /** The find shown in the results. */
  findId: string | null
  preset: RangePreset | 'custom'
  /** Selected recordings by `${conversationId}/${recordingId}` (the download item key). */
  selected: ReadonlySet<string>
  /** The conversation whose transcript panel is open. */
  transcriptFor: string | null
  setTab: (tab: RecordingsTab) => void
  setMode: (mode: FindMode) => void
  setPreset: (preset: RangePreset | 'custom') => void
  showFind: (id: string) => void
  setSelected: (keys: ReadonlySet<string>) => void
  toggle: (key: string, on: boolean) => void
  openTranscript: (conversationId: string | null) => void
}

export const useRecordingsWorkspace = create<RecordingsWorkspace>()((set) => ({
  tab: 'find',
  mode: 'search',
  findId: null,
  preset: 'last7',
  selected: new Set(),
  transcriptFor: null,
  setTab: (tab) => set({ tab }),
  setMode: (mode) => set({ mode }),
  setPreset: (preset) => set({ preset }),
  showFind: (findId) => set({ findId, selected: new Set(), transcriptFor: null }),
  setSelected: (selected) => set({ selected }),
  toggle: (key, on) =>
    set((state) => {
      const selected = new Set(state.selected)
      if (on) selected.add(key)
      else selected.delete(key)
      return { selected }
    }),
  openTranscript: (transcriptFor) => set({ transcriptFor }),
}))

export function recordingKey(ref: { conversationId: string; recordingId: string }): string {
  return `${ref.conversationId}/${ref.recordingId}`
}
