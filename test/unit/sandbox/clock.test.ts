import { describe, expect, it } from 'vitest'
import { manualClock, realClock } from '../../../src/main/sandbox'

describe('sandbox clocks', () => {
  it('a manual clock stands still until advanced, and only moves forward', () => {
    const clock = manualClock(1_000_000)
    expect(clock.now()).toBe(1_000_000)
    expect(clock.now()).toBe(1_000_000)
    expect(clock.advance(1500)).toBe(1_001_500)
    expect(clock.now()).toBe(1_001_500)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(clock.now()).toBe(1_001_500)
  })

  it('the real clock reads Date.now()', () => {
    const before = Date.now()
    const read = realClock.now()
    expect(read).toBeGreaterThanOrEqual(before)
    expect(read).toBeLessThanOrEqual(Date.now())
  })
})
