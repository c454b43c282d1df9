import { describe, expect, it } from 'vitest'
import type { FlowVersionRow } from '../../../src/shared/contract/flows'
import { canArchive, ticksArePolicyChoice, upsertById } from '../../../src/renderer/src/features/flows/flowRules'
import { DEFAULT_FILTERS, listInput } from '../../../src/renderer/src/features/flows/flowsWorkspace'
import { selectVersionsByPolicy } from '../../../src/renderer/src/features/flows/policySelection'

const NOW = Date.parse('2026-11-30T12:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000

function version(n: number, type: string, daysAgo: number | undefined): FlowVersionRow {
  return {
    id: `v${n}`,
    name: `${n}.0`,
    type,
    ...(daysAgo === undefined ? {} : { when: new Date(NOW - daysAgo * DAY).toISOString() }),
  }
}

describe('selecting versions by the retention policy', () => {
  // Newest first, as the core lists them; one undated.
  const history = [
    version(9, 'SAVE', 1),
    version(8, 'PUBLISH', 2),
    version(7, 'CHECKIN', 3),
    version(6, 'PUBLISH', 10),
    version(5, 'PUBLISH', 40),
    version(4, 'PUBLISH', 400),
    version(3, 'PUBLISH', undefined),
  ]

  it('keeps published versions of the last N days, newest first', () => {
    const pick = selectVersionsByPolicy(history, { lastDays: 30, maxVersions: 50, publishedOnly: true }, NOW)
    expect(pick.map((v) => v.name)).toEqual(['8.0', '6.0'])
  })

  it('takes every type when not published only, and at most M', () => {
    const pick = selectVersionsByPolicy(history, { lastDays: 30, maxVersions: 3, publishedOnly: false }, NOW)
    expect(pick.map((v) => v.name)).toEqual(['9.0', '8.0', '7.0'])
  })

  it('counts the window back from now, so a version just inside is kept and one just outside is not', () => {
    const edge = [version(2, 'PUBLISH', 30), version(1, 'PUBLISH', 30.001)]
    expect(selectVersionsByPolicy(edge, { lastDays: 30, maxVersions: 50, publishedOnly: true }, NOW).map((v) => v.id)).toEqual(['v2'])
  })

  it('chooses none when nothing is in the window', () => {
    expect(selectVersionsByPolicy(history, { lastDays: 1, maxVersions: 50, publishedOnly: true }, NOW)).toEqual([])
  })
})

describe('what the screen offers and sends', () => {
  it('offers to archive a locked flow, not one the client may not read', () => {
    expect(canArchive({ problems: [] })).toBe(true)
    expect(canArchive({ problems: [{ kind: 'locked', reason: 'Locked by Ana Silva' }] })).toBe(true)
    expect(canArchive({ problems: [{ kind: 'denied', reason: 'This client may not read flows of Executive Office' }] })).toBe(false)
  })

  it('turns the filters into flows.list’s input: all types is no type filter, a blank name none', () => {
    expect(listInput(DEFAULT_FILTERS)).toEqual({ types: [], publishState: 'any' })
    expect(listInput({ type: 'inqueuecall', name: '  Billing ', publishState: 'unpublished' })).toEqual({
      types: ['inqueuecall'],
      name: 'Billing',
      publishState: 'unpublished',
    })
  })

  it('archives by policy only while the ticks are the same policy’s untouched choice', () => {
    const policy = { lastDays: 30, maxVersions: 10, publishedOnly: true }
    expect(ticksArePolicyChoice(policy, { ...policy })).toBe(true)
    expect(ticksArePolicyChoice(null, policy)).toBe(false)
    expect(ticksArePolicyChoice(policy, { ...policy, maxVersions: 11 })).toBe(false)
    expect(ticksArePolicyChoice(policy, undefined)).toBe(false)
  })

  it('puts a changed run in its place and a new one first', () => {
    const list = [
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
    ]
    expect(upsertById(list, { id: 'b', n: 2 })).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ])
    expect(upsertById(list, { id: 'c', n: 1 }).map((x) => x.id)).toEqual(['c', 'a', 'b'])
    expect(list[1].n).toBe(1)
  })
})
