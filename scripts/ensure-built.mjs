// Builds out/ when it is missing or older than the sources, so `npm start` and `npm run web` just work.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

export function ensureBuilt(root) {
  const outputs = [
    'out/main/index.js',
    'out/main/web.js',
    'out/main/sandbox.js',
    'out/main/hashWorker.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
  ].map((p) => join(root, p))
  const built = outputs.every((p) => existsSync(p))
  const stale = built && newestMtime(join(root, 'src')) > Math.min(...outputs.map((p) => statSync(p).mtimeMs))
  if (built && !stale) return
  console.log(built ? 'Sources changed since the last build: building…' : 'First run: building Switchboard…')
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}
