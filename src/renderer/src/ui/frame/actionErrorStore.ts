import { create } from 'zustand'

interface ActionError {
  title: string
  error: unknown
}

/** Failures of frame-level actions (switching profile from the header) shown above the screen. */
interface ActionErrorState {
  current: ActionError | null
  show: (title: string, error: unknown) => void
  clear: () => void
}

export const useActionError = create<ActionErrorState>()((set) => ({
  current: null,
  show: (title, error) => set({ current: { title, error } }),
  clear: () => set({ current: null }),
}))
