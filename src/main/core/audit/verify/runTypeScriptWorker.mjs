// Starts a TypeScript worker from the sources (vitest, tsx: tests and benchmarks), whose path is the
// worker's last argv, as close as possible to the built worker: plain JavaScript, no loader. tsx, or
// Node's own type stripping, would cost each worker hundreds of milliseconds of CPU (a loader and
// esbuild, or a WebAssembly compiler) before its first line, on the cores the check needs. So the
// worker's files use only erasable TypeScript, import one another without extensions (completed with
// `.ts` below, as the bundler does), and are stripped once into a private cache keyed by their text.
// A Node without type stripping (before 22.18) gets tsx's API. The build never uses this file.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process, { argv, features, getuid, pid, version } from 'node:process'
import { fileURLToPath } from 'node:url'
import { threadId } from 'node:worker_threads'

const entry = argv.at(-1)
const RELATIVE_WITHOUT_EXTENSION = /^\.\.?\/(?:[^/]+\/)*[^./]+$/

/** Only a folder this user made and owns: another user's files are never run. */
function cacheDir() {
  const uid = getuid?.() ?? 0
  const dir = join(tmpdir(), `switchboard-ts-workers-${uid}`)
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const s = statSync(dir)
    return s.uid === uid && (s.mode & 0o077) === 0 ? dir : undefined
  } catch {
    return undefined
  }
}

/** Without the experimental-feature warning it prints (once per source change, on the tests' output). */
function stripQuietly(source) {
  const emitWarning = process.emitWarning
  process.emitWarning = () => {}
  try {
    return nodeModule.stripTypeScriptTypes(source, { mode: 'strip' })
  } finally {
    process.emitWarning = emitWarning
  }
}

function javaScriptOf(url, dir) {
  const source = readFileSync(fileURLToPath(url), 'utf8')
  const cached = dir && join(dir, `${createHash('sha256').update(version).update(source).digest('hex')}.js`)
  if (cached) {
    try {
      return readFileSync(cached, 'utf8')
    } catch {
      // not stripped yet
    }
  }
  const js = stripQuietly(source)
  if (cached) {
    const partial = `${cached}.${pid}.${threadId}`
    writeFileSync(partial, js, { mode: 0o600 })
    renameSync(partial, cached)
  }
  return js
}

if (typeof nodeModule.registerHooks === 'function' && typeof nodeModule.stripTypeScriptTypes === 'function' && features.typescript) {
  const dir = cacheDir()
  nodeModule.registerHooks({
    resolve: (specifier, context, nextResolve) =>
      nextResolve(RELATIVE_WITHOUT_EXTENSION.test(specifier) ? `${specifier}.ts` : specifier, context),
    load: (url, context, nextLoad) =>
      url.startsWith('file:') && url.endsWith('.ts')
        ? { format: 'module', source: javaScriptOf(url, dir), shortCircuit: true }
        : nextLoad(url, context),
  })
  await import(entry)
} else {
  const { tsImport } = await import('tsx/esm/api')
  await tsImport(entry, import.meta.url)
}
