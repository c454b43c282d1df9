import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import config from '../../../electron.vite.config'
import { hashWorkerLocation } from '../../../src/main/core/uploads/hashing/hashWorkerLocation'

const root = resolve(__dirname, '../../..')
const workerSource = join(root, 'src/main/core/uploads/hashing/hashWorker.ts')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|mjs)$/.test(name) ? [path] : []
  })
}

describe('the hashing worker is a real module', () => {
  it('is TypeScript that the typecheck covers', () => {
    const file = ts.readConfigFile(join(root, 'tsconfig.node.json'), ts.sys.readFile)
    const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, root)
    expect(parsed.fileNames.map((f) => resolve(f))).toContain(workerSource)
  })

  it('is its own entry of the main build, written beside the bundled core that starts it', () => {
    const main = (config as { main: { build: { rollupOptions: { input: Record<string, string>; output: { chunkFileNames: string } } } } })
      .main.build.rollupOptions
    expect(main.input.hashWorker).toBe(workerSource)
    // Shared chunks are written into out/main too, so "beside" holds wherever the bundler puts the core.
    expect(main.output.chunkFileNames).not.toContain('/')
    expect(hashWorkerLocation('file:///app/out/main/invoke-1a2b3c.js')).toEqual({ url: new URL('file:///app/out/main/hashWorker.js') })
  })

  it('runs from the TypeScript sources under vitest and tsx', () => {
    const location = hashWorkerLocation(new URL('../../../src/main/core/uploads/hashing/hashWorkerLocation.ts', import.meta.url).href)
    expect(existsSync(location.url)).toBe(true)
    expect(location.argv).toEqual([new URL(`file://${workerSource}`).href])
  })

  it('no worker in the main process runs from an eval string', () => {
    const evaluated = sourceFiles(join(root, 'src/main')).filter((path) => /eval:\s*true/.test(readFileSync(path, 'utf8')))
    expect(evaluated).toEqual([])
  })
})
