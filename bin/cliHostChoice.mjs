// Which runtime runs `switchboard`: the desktop app's Electron (windowless, so it opens what the app sealed
// in the OS keychain) or plain Node. Pure functions, so the choice is tested without either installed.
import { dirname, join } from 'node:path'

/**
 * The Electron binary the `electron` package points at, found as its index.js does (path.txt beside it),
 * but without require('electron'): that downloads the binary when it is missing, which a command must not do.
 */
export function findElectronBinary({ resolvePackage, readText, env }) {
  let packageDir
  try {
    packageDir = dirname(resolvePackage('electron/package.json'))
  } catch {
    return undefined
  }
  let relative = ''
  try {
    relative = readText(join(packageDir, 'path.txt')).trim()
  } catch {
    // Not downloaded: only an override can name a binary.
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
  return relative ? join(packageDir, 'dist', relative) : undefined
}

/**
 * Electron when its binary and the built host entry are there (and it can start: on Linux it needs a
 * display), unless SWITCHBOARD_CLI_NODE asks for plain Node; else plain Node, with the reason.
 */
export function chooseCliHost({ args, env, platform, outDir, electronBinary, exists }) {
  const node = (reason) => ({ host: 'node', entry: join(outDir, 'cli.js'), reason })
  if (env.SWITCHBOARD_CLI_NODE) return node('SWITCHBOARD_CLI_NODE is set')
  if (!electronBinary || !exists(electronBinary)) return node('no Electron binary is installed')
  const entry = join(outDir, 'cliHost.js')
  if (!exists(entry)) return node(`the Electron entry ${entry} is not built`)
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return node('no display (DISPLAY, WAYLAND_DISPLAY): Electron cannot start')
  // Set in the environment, it would make Electron a plain Node with no app and no safeStorage.
  const childEnv = { ...env }
  delete childEnv.ELECTRON_RUN_AS_NODE
  return { host: 'electron', command: electronBinary, args: [entry, ...args], env: childEnv }
}
