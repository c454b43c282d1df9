import { create } from 'zustand'

export type UploadsTab = 'recordings' | 'prompts'

/** UI state of the Uploads screen that outlives a visit to another screen (in memory only). */
interface UploadsWorkspace {
  tab: UploadsTab
  setTab: (tab: UploadsTab) => void
}

export const useUploadsWorkspace = create<UploadsWorkspace>()((set) => ({
  tab: 'recordings',
  setTab: (tab) => set({ tab }),
}))
