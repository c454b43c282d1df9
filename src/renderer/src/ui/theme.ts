import { create } from 'zustand'

export type ThemeChoice = 'system' | 'light' | 'dark'
const STORAGE_KEY = 'switchboard.theme'

function readChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/** "system" leaves color-scheme to prefers-color-scheme; the stylesheet uses light-dark() throughout. */
function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = choice
}

interface ThemeState {
  choice: ThemeChoice
  choose: (choice: ThemeChoice) => void
}

export const useTheme = create<ThemeState>()((set) => ({
  choice: 'system',
  choose: (choice) => {
    try {
      localStorage.setItem(STORAGE_KEY, choice)
    } catch {
      // Not persisted; still applied for this session.
    }
    apply(choice)
    set({ choice })
  },
}))

/** Applies the stored theme before the first render, so the page does not flash the other theme. */
export function applyStoredTheme(): void {
  const choice = readChoice()
  apply(choice)
  useTheme.setState({ choice })
}
