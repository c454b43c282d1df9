#!/usr/bin/env node
// The `switchboard` command: needs Node 24 or later and a built checkout (`npm run build`). It runs in the
// desktop app's Electron when that is installed (so it opens the OS keychain as the app does), else in Node.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chooseCliHost, findElectronBinary } from './cliHostChoice.mjs'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(`switchboard needs Node.js 24 or later; this is ${process.version}.\n`)
  process.exit(2)
}
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main')
if (!existsSync(join(outDir, 'cli.js'))) {
  process.stderr.write('switchboard is not built yet: run `npm run build` in the Switchboard checkout first.\n')
  process.exit(2)
}
const require = createRequire(import.meta.url)
const choice = chooseCliHost({
  args: process.argv.slice(2),
  env: process.env,
  platform: process.platform,
  outDir,
  electronBinary: findElectronBinary({ resolvePackage: require.resolve, readText: (path) => readFileSync(path, 'utf8'), env: process.env }),
  exists: existsSync,
})
if (choice.host === 'node') {
  await import(pathToFileURL(choice.entry).href)
} else {
  const child = spawn(choice.command, choice.args, { stdio: 'inherit', env: choice.env })
  // Ctrl-C in a terminal reaches the child as well (one process group): it pauses its jobs and exits 130.
  process.on('SIGINT', () => undefined)
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => {
    process.stderr.write(`switchboard: could not start Electron (${error.message}); SWITCHBOARD_CLI_NODE=1 runs it in Node.\n`)
    process.exit(2)
  })
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
}
