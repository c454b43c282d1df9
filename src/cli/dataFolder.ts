import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The desktop app's name for its data folder (Electron's userData under appData). */
const APP_FOLDER = 'Switchboard'

/**
 * The same data folder as the desktop app: --data, else SWITCHBOARD_DATA_DIR (which the app honours too),
 * else Electron's userData for "Switchboard" on this OS.
 */
export function chooseDataFolder(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit)
  if (env.SWITCHBOARD_DATA_DIR) return resolve(env.SWITCHBOARD_DATA_DIR)
  return join(appDataFolder(env), APP_FOLDER)
}

/** Electron's app.getPath('appData'). */
function appDataFolder(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME || join(homedir(), '.config')
}
