import { useEffect } from 'react'
import { useSession } from '../../session'

/** In a browser, closing or reloading the tab while uploads run asks first (Electron's quit guard does this there). */
export function useLeaveWarning(running: boolean): void {
  const shell = useSession((s) => s.shell)
  useEffect(() => {
    if (shell !== 'web' || !running) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [shell, running])
}
