import { create } from 'zustand'

export type SettingsTab = 'general' | 'integrations' | 'auditForwarding'

/** UI state of the Settings screen that outlives a visit to another screen (in memory only). */
interface SettingsWorkspace {
  tab: SettingsTab
  setTab: (tab: SettingsTab) => void
}

export const useSettingsWorkspace = create<SettingsWorkspace>()((set) => ({
  tab: 'general',
  setTab: (tab) => set({ tab }),
}))
