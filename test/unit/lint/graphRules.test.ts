import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { cruise } from 'dependency-cruiser'
import { afterEach, describe, expect, it } from 'vitest'

// The repository's own rules, run on small trees written to a temp folder shaped like src/.
const config = (await import(pathToFileURL(join(process.cwd(), '.dependency-cruiser.mjs')).href)).default
const folders: string[] = []

async function violations(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'graph-rules-'))
  folders.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const result = await cruise(['src'], {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    outputType: 'json',
  })
  const output = JSON.parse(String(result.output)) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)
}

afterEach(() => {
  for (const root of folders.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('import cycles', () => {
  it('fails on a cycle made only of type imports', async () => {
    const found = await violations({
      'src/main/core/jobs/a.ts': "import type { B } from './b'\nexport interface A { b?: B }\n",
      'src/main/core/jobs/b.ts': "import type { A } from './a'\nexport interface B { a?: A }\n",
    })
    expect(found).toContain('no-import-cycle: src/main/core/jobs/a.ts -> src/main/core/jobs/b.ts')
  })

  it('fails on a cycle through three files', async () => {
    const found = await violations({
      'src/shared/a.ts': "import { b } from './b'\nexport const a = () => b\n",
      'src/shared/b.ts': "import { c } from './c'\nexport const b = () => c\n",
      'src/shared/c.ts': "import { a } from './a'\nexport const c = () => a\n",
    })
    expect(found.filter((v) => v.startsWith('no-import-cycle'))).not.toEqual([])
  })

  it('passes imports that go one way', async () => {
    const found = await violations({
      'src/shared/a.ts': "import type { B } from './b'\nexport const a = (b: B) => b\n",
      'src/shared/b.ts': 'export type B = string\n',
    })
    expect(found).toEqual([])
  })
})

describe('walls between workflows and between features', () => {
  it('fails when one core workflow imports another', async () => {
    const found = await violations({
      'src/main/core/uploads/uploadJob.ts': "import { trackRequest } from '../privacy/requestTracker'\nexport const run = trackRequest\n",
      'src/main/core/privacy/requestTracker.ts': 'export const trackRequest = () => 1\n',
    })
    expect(found).toEqual([
      'workflow-imports-another-workflow: src/main/core/uploads/uploadJob.ts -> src/main/core/privacy/requestTracker.ts',
    ])
  })

  it('lets a workflow use the services every workflow shares, and its own files', async () => {
    const found = await violations({
      'src/main/core/uploads/uploadJob.ts':
        "import { append } from '../audit/auditLog'\nimport { hash } from './hashing/hash'\nexport const run = () => append(hash())\n",
      'src/main/core/uploads/hashing/hash.ts': 'export const hash = () => 1\n',
      'src/main/core/audit/auditLog.ts': 'export const append = (n: number) => n\n',
    })
    expect(found).toEqual([])
  })

  it('fails when the generic core types import a workflow', async () => {
    const found = await violations({
      'src/main/core/types.ts':
        "import type { UploadTuning } from './uploads/uploadJob'\nexport interface Deps { tuning?: UploadTuning }\n",
      'src/main/core/uploads/uploadJob.ts': 'export interface UploadTuning { timeout?: number }\n',
    })
    expect(found).toEqual(['generic-core-imports-a-workflow: src/main/core/types.ts -> src/main/core/uploads/uploadJob.ts'])
  })

  it('fails when one renderer feature imports another, not when it imports ui/', async () => {
    const found = await violations({
      'src/renderer/src/features/audit/AuditScreen.tsx':
        "import { UploadRow } from '../uploads/UploadRow'\nimport { Card } from '../../ui/Card'\nexport const parts = [UploadRow, Card]\n",
      'src/renderer/src/features/uploads/UploadRow.tsx': 'export const UploadRow = 1\n',
      'src/renderer/src/ui/Card.tsx': 'export const Card = 2\n',
    })
    expect(found).toEqual([
      'feature-imports-another-feature: src/renderer/src/features/audit/AuditScreen.tsx -> src/renderer/src/features/uploads/UploadRow.tsx',
    ])
  })
})

describe('the repository itself', () => {
  it('has no cycles and no imports across workflows or features', async () => {
    const result = await cruise(['src'], {
      ...config.options,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      outputType: 'json',
    })
    const output = JSON.parse(String(result.output)) as { summary: { violations: unknown[] } }
    expect(output.summary.violations).toEqual([])
  })
})
