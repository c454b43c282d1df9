import { describe, expect, it } from 'vitest'
import { nextTabIndex } from '../../../src/renderer/src/ui/Tabs'

describe('tabs keyboard', () => {
  it('arrows move to the next or previous tab, wrapping around; Home and End to the ends', () => {
    expect(nextTabIndex(0, 3, 'ArrowRight')).toBe(1)
    expect(nextTabIndex(2, 3, 'ArrowRight')).toBe(0)
    expect(nextTabIndex(0, 3, 'ArrowLeft')).toBe(2)
    expect(nextTabIndex(1, 3, 'Home')).toBe(0)
    expect(nextTabIndex(1, 3, 'End')).toBe(2)
  })

  it('ignores other keys', () => {
    expect(nextTabIndex(1, 3, 'Enter')).toBeUndefined()
    expect(nextTabIndex(1, 3, 'ArrowDown')).toBeUndefined()
  })
})
