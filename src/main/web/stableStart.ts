import { readWebRuntime, writeWebRuntime } from './runtimeFile'
import { freshToken, startWebShell, type WebShell, type WebShellOptions } from './server'

export interface StableStartOptions extends Omit<WebShellOptions, 'port' | 'token'> {
  dataDir: string
  /** --port (or SWITCHBOARD_WEB_PORT): wins over the stored port, and is not given up when taken. */
  explicitPort?: number
  /** SWITCHBOARD_WEB_TOKEN: wins over the stored token and is not written to the runtime file. */
  explicitToken?: string
  /** --new-token: rotate the stored token, so every address handed out before stops working. */
  newToken?: boolean
  /** Lines for the console: what changed since the last start and why. */
  say?: (line: string) => void
}

/**
 * Starts the web shell on the port and token of its last start, so a tab left open reconnects by itself.
 * Only when that port is now taken by another program is a new one picked (and said).
 */
export async function startStableWebShell(options: StableStartOptions): Promise<WebShell> {
  const { dataDir, explicitPort, explicitToken, newToken, say = () => undefined, ...shellOptions } = options
  const stored = await readWebRuntime(dataDir)
  const token = explicitToken ?? (newToken || !stored ? freshToken() : stored.token)
  if (newToken && !explicitToken && stored) say('A new access token was made: addresses printed before no longer work.')

  let web: WebShell
  if (explicitPort !== undefined || !stored) {
    web = await startWebShell({ ...shellOptions, port: explicitPort ?? 0, token })
  } else {
    try {
      web = await startWebShell({ ...shellOptions, port: stored.port, token })
    } catch (error) {
      if (!isAddressInUse(error)) throw error
      web = await startWebShell({ ...shellOptions, port: 0, token })
      say(
        `Port ${stored.port} (used last time) is taken by another program, so this start uses port ${web.port}: open the new address below; tabs left open on the old one cannot reconnect.`,
      )
    }
  }
  if (!explicitToken) {
    try {
      await writeWebRuntime(dataDir, { port: web.port, token })
    } catch (error) {
      await web.close()
      throw error
    }
  }
  return web
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE'
}
