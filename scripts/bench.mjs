// `npm run bench [name ...]`: runs test/bench/run.ts with tsx (benchmarks never run inside npm test).
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { requireNode } from './require-node.mjs'

requireNode('npm run bench')

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'test/bench/run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
child.on('exit', (code) => process.exit(code ?? 1))
