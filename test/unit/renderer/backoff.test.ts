import { describe, expect, it } from 'vitest'
import { reconnectDelayMs } from '../../../src/renderer/src/transport/backoff'

describe('reconnectDelayMs', () => {
  it('doubles from 500 ms and is capped at 15 s', () => {
    const max = () => 1
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => reconnectDelayMs(n, max))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000])
  })
  it('jitters down to half the base, never below', () => {
    expect(reconnectDelayMs(2, () => 0)).toBe(1000)
    expect(reconnectDelayMs(2, () => 0.5)).toBe(1500)
  })
})
