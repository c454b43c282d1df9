// `npm test`: build, typecheck, lint, vitest, Playwright; ends with one line "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { requireNode } from './require-node.mjs'

requireNode('npm test')

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reports = join(root, 'test-results', 'reports')
rmSync(join(root, 'test-results'), { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: result.status === 0, seconds }
}

function check(label, cmd, args) {
  const { ok, seconds } = run(label, cmd, args)
  totals[ok ? 'passed' : 'failed'] += 1
  summary.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`)
  return ok
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

const built = check('build', 'npx', ['electron-vite', 'build'])
check('typecheck', 'npm', ['run', '-s', 'typecheck'])
check('lint', 'npm', ['run', '-s', 'lint'])

const vitestJson = join(reports, 'vitest.json')
const vitest = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
const v = readJson(vitestJson)
if (v) {
  totals.passed += v.numPassedTests
  totals.failed += v.numFailedTests
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  // A suite that failed to load has no tests to count: count it as a failure.
  const brokenSuites = (v.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length
  totals.failed += brokenSuites
  summary.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests + brokenSuites} failed (${vitest.seconds} s)`)
}
if (!vitest.ok && (!v || v.numFailedTests === 0)) {
  totals.failed += 1
  summary.push('vitest: the run itself failed (see above)')
}

if (built) {
  const pwJson = join(reports, 'playwright.json')
  const pw = run('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  const p = readJson(pwJson)
  if (p?.stats) {
    const failed = p.stats.unexpected + (p.errors?.length ?? 0)
    totals.passed += p.stats.expected + p.stats.flaky
    totals.failed += failed
    totals.skipped += p.stats.skipped
    summary.push(`playwright: ${p.stats.expected + p.stats.flaky} passed, ${failed} failed, ${p.stats.skipped} skipped (${pw.seconds} s)`)
  }
  if (!pw.ok && (!p?.stats || p.stats.unexpected + (p.errors?.length ?? 0) === 0)) {
    totals.failed += 1
    summary.push('playwright: the run itself failed (see above)')
  }
} else {
  totals.failed += 1
  summary.push('playwright: not run because the build failed')
}

console.log('\n' + summary.join('\n'))
if (existsSync(join(root, 'test-results', 'screens'))) console.log('Screenshots: test-results/screens/')
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`)
process.exit(totals.failed > 0 ? 1 : 0)
