/**
 * Quitting while jobs run asks first, and every quit closes the core and the sandbox before the
 * process ends, so journals and the audit log are flushed. Electron-free apart from types, so tests
 * drive it with a stand-in app.
 */
import type { App, BrowserWindow } from 'electron'

export interface QuitGuardDeps {
  runningJobs(): number
  /** Resolves true when the admin chose to quit anyway. */
  confirmQuit(running: number): Promise<boolean>
  /** Closes the core and the sandbox; errors are reported, and the quit goes on. */
  shutdown(): Promise<void>
  log?: (message: string) => void
}

export function quitConfirmation(running: number): { message: string; detail: string } {
  const what = running === 1 ? '1 job is' : `${running} jobs are`
  return {
    message: `${what} still running (uploads, downloads or other workflows). Quit anyway?`,
    detail: 'They can be resumed next time: Switchboard lists unfinished jobs when it starts again.',
  }
}

type Phase = 'running' | 'asking' | 'closing' | 'closed'

export function installQuitGuard(app: Pick<App, 'on' | 'quit'>, deps: QuitGuardDeps): { isClosed(): boolean } {
  const log = deps.log ?? ((message: string) => console.error(message))
  let phase: Phase = 'running'

  async function confirmThenClose(): Promise<void> {
    const running = deps.runningJobs()
    if (running > 0) {
      phase = 'asking'
      const confirmed = await deps.confirmQuit(running).catch((error: unknown) => {
        log(`Could not ask before quitting: ${String(error)}`)
        return false
      })
      if (!confirmed) {
        phase = 'running'
        return
      }
    }
    phase = 'closing'
    await deps.shutdown().catch((error: unknown) => log(`Shutting down did not finish cleanly: ${String(error)}`))
    phase = 'closed'
    app.quit()
  }

  app.on('before-quit', (event) => {
    if (phase === 'closed') return
    event.preventDefault()
    if (phase === 'running') void confirmThenClose()
  })
  return { isClosed: () => phase === 'closed' }
}

/** Closing the last window quits (outside macOS), through the same guard, while the window is still visible. */
export function quitWhenWindowCloses(
  window: Pick<BrowserWindow, 'on'>,
  app: Pick<App, 'quit'>,
  guard: { isClosed(): boolean },
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === 'darwin') return
  window.on('close', (event) => {
    if (guard.isClosed()) return
    event.preventDefault()
    app.quit()
  })
}
