import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The main process, the preload and the command line run from out/ with their packages loaded from node_modules at run
// time (externalizeDeps), so what they import must be a runtime dependency, and nothing else should be.
const RUNTIME_SOURCES = ['src/main', 'src/preload', 'src/cli']
// Electron is the runtime itself; the packaged app does not install it as a dependency.
const PROVIDED_BY_RUNTIME = new Set(['electron'])

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [path] : []
  })
}

/** The package a bare specifier names: `csv-parse/sync` is csv-parse, `@fastify/static` stays whole. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function importedPackages(): Set<string> {
  const found = new Set<string>()
  const specifiers = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)'([^'.][^']*)'/gm
  for (const file of RUNTIME_SOURCES.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(specifiers)) {
      const name = packageOf(match[1])
      if (!name.startsWith('node:') && !builtinModules.includes(name)) found.add(name)
    }
  }
  return found
}

describe('runtime dependencies', () => {
  const imported = importedPackages()

  it('lists every package the main process and preload import', () => {
    const missing = [...imported].filter((name) => !(name in packageJson.dependencies) && !PROVIDED_BY_RUNTIME.has(name))
    expect(missing).toEqual([])
  })

  it('lists nothing the main process and preload do not import', () => {
    const unused = Object.keys(packageJson.dependencies).filter((name) => !imported.has(name))
    expect(unused).toEqual([])
  })

  it('keeps test-only packages out of the runtime dependencies', () => {
    expect(packageJson.dependencies).not.toHaveProperty('ws')
    expect(packageJson.devDependencies).toHaveProperty('ws')
    expect(packageJson.dependencies).not.toHaveProperty('axios-retry')
  })
})
