import { describe, expect, it } from 'vitest'
import { canArchive, ticksArePolicyChoice } from '../../../src/renderer/src/features/flows/flowRules'
import { DEFAULT_FILTERS, listInput } from '../../../src/renderer/src/features/flows/flowsWorkspace'

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
})
