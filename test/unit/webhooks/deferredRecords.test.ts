import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeferredRecords } from '../../../src/main/core/webhooks/deferredRecords'

afterEach(() => {
  vi.useRealTimers()
})

describe('deferred records', () => {
  it('records a run once it is full, in the order the items came', () => {
    const recorded: number[] = []
    const deferred = new DeferredRecords<number>((n) => recorded.push(n), 3, 1_000)
    deferred.add(1)
    deferred.add(2)
    expect(recorded).toEqual([])
    deferred.add(3)
    expect(recorded).toEqual([1, 2, 3])
  })

  it('records what waits after a short while, and at once when flushed', () => {
    vi.useFakeTimers()
    const recorded: number[] = []
    const deferred = new DeferredRecords<number>((n) => recorded.push(n), 64, 10)
    deferred.add(1)
    vi.advanceTimersByTime(9)
    expect(recorded).toEqual([])
    vi.advanceTimersByTime(1)
    expect(recorded).toEqual([1])
    deferred.add(2)
    deferred.flush()
    expect(recorded).toEqual([1, 2])
    vi.advanceTimersByTime(100)
    expect(recorded).toEqual([1, 2])
  })
})
