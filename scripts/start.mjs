// `npm start`: the desktop app on the Sandbox org; where Electron cannot start, the same app in the web shell.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilt } from './ensure-built.mjs'
import { requireNode } from './require-node.mjs'

requireNode('npm start')

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function electronBinary() {
  const pathFile = join(root, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

function whyNoElectron() {
  const binary = electronBinary()
  if (!binary)
    return 'no Electron binary on this machine (node_modules/electron/dist is missing: run `npx install-electron` where GitHub is reachable)'
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)'
  return undefined
}

ensureBuilt(root)
const reason = whyNoElectron()
const args = reason ? [join(root, 'out/main/web.js'), ...process.argv.slice(2)] : [root, ...process.argv.slice(2)]
if (reason) console.log(`Electron cannot start here: ${reason}; serving the same app through the web shell instead.`)
const child = spawn(reason ? process.execPath : electronBinary(), args, { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
