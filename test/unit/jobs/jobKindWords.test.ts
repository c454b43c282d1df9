import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = join(process.cwd(), 'src/main/core')
const SHARED = join(process.cwd(), 'src/shared')

// The Jobs panel's words live in the renderer, outside the node tsconfig (this test reads the core's
// sources, which the renderer's cannot): loaded by path at run time.
const JOB_WORDS = '../../../src/renderer/src/features/jobs/jobWords'
const { KIND_WORDS, kindWords } = (await import(JOB_WORDS)) as { KIND_WORDS: Record<string, string>; kindWords(kind: string): string }

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/**
 * Every job kind the core registers, read from its sources: each defineJobKind({ kind: X, ... }) outside
 * core/jobs, X a string or a constant declared `const X = '...'` in the core or the shared code.
 */
function registeredKinds(): { kinds: string[]; unresolved: string[] } {
  const texts = sources(CORE)
    .filter((file) => !file.includes(join('core', 'jobs')))
    .map((file) => readFileSync(file, 'utf8'))
  const constants = new Map<string, string>()
  for (const text of [...texts, ...sources(SHARED).map((file) => readFileSync(file, 'utf8'))])
    for (const m of text.matchAll(/const ([A-Z][A-Z0-9_]*) = '([^']+)'/g)) constants.set(m[1], m[2])
  const kinds: string[] = []
  const unresolved: string[] = []
  for (const text of texts)
    for (const m of text.matchAll(/defineJobKind\(\{\s*kind:\s*(?:'([^']+)'|([A-Z][A-Z0-9_]*))/g)) {
      const kind = m[1] ?? constants.get(m[2])
      if (kind) kinds.push(kind)
      else unresolved.push(m[2] ?? m[0])
    }
  const calls = texts.reduce((n, text) => n + (text.match(/defineJobKind\(/g)?.length ?? 0), 0)
  // A call written another way (kind not first, a computed kind) is unresolved rather than skipped.
  for (let i = kinds.length + unresolved.length; i < calls; i++) unresolved.push('a defineJobKind call this test cannot read')
  return { kinds, unresolved }
}

describe('job kind words', () => {
  it('has words for every job kind the core registers', () => {
    const { kinds, unresolved } = registeredKinds()
    expect(unresolved).toEqual([])
    expect(kinds).toEqual(expect.arrayContaining(['recording.upload', 'flows.archive', 'flows.export', 'flows.remote.deliver']))
    const unworded = kinds.filter((kind) => !Object.hasOwn(KIND_WORDS, kind) || kindWords(kind) === kind)
    expect(unworded).toEqual([])
  })

  it('words no kind the core no longer registers', () => {
    const { kinds } = registeredKinds()
    expect(Object.keys(KIND_WORDS).filter((kind) => !kinds.includes(kind))).toEqual([])
  })

  it('shows a kind it has no words for as it is', () => {
    expect(kindWords('flows.export')).toBe('Flow export')
    expect(kindWords('some.future.kind')).toBe('some.future.kind')
  })
})
