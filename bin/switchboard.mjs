#!/usr/bin/env node
// The `switchboard` command: needs Node 24 or later and a built checkout (`npm run build`).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(`switchboard needs Node.js 24 or later; this is ${process.version}.\n`)
  process.exit(2)
}
const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write('switchboard is not built yet: run `npm run build` in the Switchboard checkout first.\n')
  process.exit(2)
}
await import(pathToFileURL(entry).href)
