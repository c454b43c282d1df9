import { isDeepStrictEqual } from 'node:util'
import * as React from 'react'
import { renderToString } from 'react-dom/server'
import type { FieldDef } from '../../src/shared/contract/schemas'
import { diffSchemas } from '../../src/main/core/schemas/diffSchemas'
import { parseFields, toJsonSchema } from '../../src/main/core/schemas/fieldModel'
import { hundredFields } from '../../src/main/sandbox/schemas/schemaSeeds'
import { median, round, type Benchmark } from './harness'

const RUNS = 300

// The review table is TSX, outside the node tsconfig: loaded by path at run time (tsx compiles it with the
// classic transform, React.createElement, so it needs React as a global).
const CHANGE_TABLE = '../../src/renderer/src/features/schemas/ChangeTable'
;(globalThis as { React?: unknown }).React = React

/** The 100-field schema and a copy an admin changed in 30 places of every kind. */
function inputs() {
  const base = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'Marketing attributes',
    properties: Object.fromEntries(hundredFields()),
    required: ['attribute_001_text'],
  }
  const fields = parseFields(base)
  const changed: FieldDef[] = fields.flatMap((f, i): FieldDef[] => {
    if (i % 20 === 7) return []
    if (i % 10 === 1) return [{ ...f, title: `${f.title} (renamed)` }]
    if (i % 10 === 3 && f.maxLength !== undefined) return [{ ...f, maxLength: Math.max(1, f.maxLength - 10) }]
    if (f.type === 'enum' && i % 2 === 0) return [{ ...f, options: [...(f.options ?? []).slice(1), { value: 'urgent', title: 'Urgent' }] }]
    if (f.type === 'integer' && i % 3 === 0) return [{ ...f, key: `${f.name}_text`, type: 'text', minimum: undefined, maximum: undefined }]
    if (i % 10 === 5) return [{ ...f, required: true }]
    return [f]
  })
  for (let n = 0; n < 5; n++)
    changed.push({ key: `added_${n}_checkbox`, name: `added_${n}`, type: 'checkbox', title: `Added ${n}`, required: false })
  return { base, proposed: toJsonSchema(base, changed) }
}

/** The plain alternative: deep-equal each property (a whole-document deep-equal stops at the first difference). */
function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !isDeepStrictEqual(a[key], b[key]))
}

function medianMs(fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn()
  const runs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint()
    fn()
    runs.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return median(runs)
}

export const schemaBenchmarks: Benchmark[] = [
  {
    name: 'schema-diff-100',
    about: 'field diff + classification of a 100-field schema against a changed copy (from the raw jsonSchemas)',
    run: async () => {
      const { base, proposed } = inputs()
      const diff = () => diffSchemas(parseFields(base), parseFields(proposed))
      const changes = diff()
      const ours = medianMs(diff)
      const anchor = medianMs(() => changedKeys(base.properties, proposed.properties ?? {}))
      const { ChangeTable } = (await import(CHANGE_TABLE)) as { ChangeTable: React.FC<Record<string, unknown>> }
      const render = medianMs(() =>
        renderToString(
          React.createElement(ChangeTable, {
            changes,
            caption: 'bench',
            beforeLabel: 'Now',
            afterLabel: 'Proposed',
            ticks: { ticked: [], onToggle: () => undefined },
          }),
        ),
      )
      return {
        ours: round(ours, 3),
        anchor: round(anchor, 3),
        unit: 'ms',
        anchor_cmd:
          'util.isDeepStrictEqual per property of the two jsonSchemas (which keys differ; no pairing, no classification), same input',
        ratio: round(ours / anchor, 2),
        goal: 'ours <= 16 ms',
        extra: {
          fields: 100,
          changes: changes.length,
          goal_met: ours <= 16,
          render_table_ms: round(render, 3),
          render_method: 'react-dom/server renderToString of the review table',
        },
      }
    },
  },
]
