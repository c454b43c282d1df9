import { describe, expect, it } from 'vitest'
import { fitColumns, type FitColumn } from '../../../src/renderer/src/features/audit/fitColumns'
import { EMPTY_DRAFT, rangeProblem, toAuditFilter } from '../../../src/renderer/src/features/audit/auditWorkspace'

const columns: FitColumn[] = [
  { id: 'time', size: 170, minSize: 104, dropOrder: 0 },
  { id: 'action', size: 210, minSize: 156, dropOrder: 0 },
  { id: 'target', size: 140, minSize: 96, dropOrder: 0 },
  { id: 'latency', size: 80, minSize: 60, dropOrder: 2 },
  { id: 'correlation', size: 120, minSize: 90, dropOrder: 3 },
]
const total = (fit: ReturnType<typeof fitColumns>) => fit.widths.reduce((t, w) => t + w.width, 0)

describe('fitting the audit columns to the table width', () => {
  it('keeps the chosen widths and gives what is left to the flexible column', () => {
    const fit = fitColumns(columns, 800, 'target')
    expect(fit.hidden).toEqual([])
    expect(fit.widths).toEqual([
      { id: 'time', width: 170 },
      { id: 'action', width: 210 },
      { id: 'target', width: 220 },
      { id: 'latency', width: 80 },
      { id: 'correlation', width: 120 },
    ])
  })

  it('never adds up to more than the width: leaves out what may go, least useful first', () => {
    const fit = fitColumns(columns, 600, 'target')
    expect(fit.hidden).toEqual(['correlation'])
    expect(total(fit)).toBe(600)
    expect(fit.widths.find((w) => w.id === 'action')!.width).toBe(210)
  })

  it('then shrinks every remaining column toward its least width, none below it', () => {
    const fit = fitColumns(columns, 400, 'target')
    expect(fit.hidden).toEqual(['correlation', 'latency'])
    expect(total(fit)).toBe(400)
    for (const w of fit.widths) expect(w.width).toBeGreaterThanOrEqual(columns.find((c) => c.id === w.id)!.minSize)
  })

  it('a column made wider takes the room from the flexible one, pixel for pixel', () => {
    const before = fitColumns(columns, 800, 'target')
    const after = fitColumns(
      columns.map((c) => (c.id === 'action' ? { ...c, size: 260 } : c)),
      800,
      'target',
    )
    const width = (fit: typeof before, id: string) => fit.widths.find((w) => w.id === id)!.width
    expect(width(after, 'action') - width(before, 'action')).toBe(50)
    expect(width(before, 'target') - width(after, 'target')).toBe(50)
  })
})

describe('the time range in the filter bar', () => {
  it('names an Until before From (or equal to it) instead of asking for an empty range', () => {
    expect(rangeProblem({ ...EMPTY_DRAFT, from: '2025-01-02T00:00', to: '2025-01-01T00:00' })).toMatch(/^“Until” is before “From”/)
    expect(rangeProblem({ ...EMPTY_DRAFT, from: '2025-01-01T00:00', to: '2025-01-01T00:00' })).toMatch(/same as “From”/)
    expect(rangeProblem({ ...EMPTY_DRAFT, from: '2025-01-01T00:00', to: '2025-01-02T00:00' })).toBeUndefined()
    expect(rangeProblem({ ...EMPTY_DRAFT, to: '2025-01-02T00:00' })).toBeUndefined()
  })

  it('sends the workflow-steps view as a filter', () => {
    expect(toAuditFilter({ ...EMPTY_DRAFT, hideApiCalls: true })).toEqual({ hideApiCalls: true })
  })
})
