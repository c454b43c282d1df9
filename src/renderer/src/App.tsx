import { usePrivacyNotifications } from './features/privacy/usePrivacyNotifications'
import { useLiveUpdates } from './hooks/useLiveUpdates'
import { useSession } from './session'
import { ActionErrorPanel } from './ui/frame/ActionErrorPanel'
import { Header } from './ui/frame/Header'
import { NavBar } from './ui/frame/NavBar'
import { NoticeBanners } from './ui/frame/NoticeBanners'
import { ScreenOutlet } from './ui/frame/ScreenOutlet'
import { ServerAwayOverlay } from './ui/frame/ServerAwayOverlay'
import { StatusBar } from './ui/frame/StatusBar'
import { TokenProblemScreen } from './ui/TokenProblemScreen'

/** The frame: header with the profile switcher, navigation, the current screen, the status bar. */
export function App() {
  const tokenProblem = useSession((state) => state.tokenProblem)
  if (tokenProblem) return <TokenProblemScreen problem={tokenProblem} />
  return <Frame />
}

function Frame() {
  useLiveUpdates()
  usePrivacyNotifications()
  const serverAway = useSession((state) => state.shell === 'web' && state.socket === 'reconnecting')
  const attempt = useSession((state) => state.socketAttempt)
  return (
    <>
      <AppFrame inert={serverAway} />
      {serverAway && <ServerAwayOverlay attempt={attempt} />}
    </>
  )
}

function AppFrame({ inert }: { inert: boolean }) {
  return (
    <div className="app" inert={inert}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <Header />
      <NavBar />
      <main id="main" className="main" tabIndex={-1}>
        <NoticeBanners />
        <ActionErrorPanel />
        <ScreenOutlet />
      </main>
      <StatusBar />
    </div>
  )
}
