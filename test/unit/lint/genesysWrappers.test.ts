import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = join(process.cwd(), 'src/main/core')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/**
 * The rule in shared/design.md: a Genesys API area's wrappers live in genesys/<area>.ts when more than
 * one workflow or shared service calls them, else in the workflow's folder (or one of its parts' folders) as <area>Api.ts. Nothing
 * else calls the client's request() itself.
 */
describe('Genesys API wrappers', () => {
  it('are the only core files that call GenesysClient.request', () => {
    const callers = sources(CORE)
      .filter((file) => /\.request\(\{/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(CORE, file))
    expect(callers.length).toBeGreaterThan(0)
    const misplaced = callers.filter(
      (file) => !file.startsWith('genesys/') && !/^[a-zA-Z]+\/([a-z][a-zA-Z]*\/)?[a-z][a-zA-Z]*Api\.ts$/.test(file),
    )
    expect(misplaced).toEqual([])
  })
})
