import { create } from 'zustand'
import { DEFAULT_SCREEN, hashForScreen, screenFromHash, type ScreenId } from './screens'
import { hashHasToken } from './transport/tokenStore'

interface NavigationState {
  screen: ScreenId
  /** Counts user navigations, so the new screen's heading takes focus (not on first load). */
  moves: number
  go: (screen: ScreenId) => void
}

export const useNavigation = create<NavigationState>()((set) => ({
  screen: DEFAULT_SCREEN,
  moves: 0,
  go: (screen) => {
    if (location.hash !== hashForScreen(screen)) location.hash = hashForScreen(screen)
    set((state) => ({ screen, moves: state.moves + 1 }))
  },
}))

/** Keeps the screen in step with the address bar's #/screen, so back, forward and reload work. */
export function startHashRouting(): void {
  useNavigation.setState({ screen: screenFromHash(location.hash) ?? DEFAULT_SCREEN })
  window.addEventListener('hashchange', () => {
    // A freshly pasted #token=... address: reload so the new token is taken up cleanly.
    if (hashHasToken()) {
      location.reload()
      return
    }
    const screen = screenFromHash(location.hash)
    if (screen && screen !== useNavigation.getState().screen) {
      useNavigation.setState((state) => ({ screen, moves: state.moves + 1 }))
    }
  })
}
