import { describe, expect, it } from 'vitest'
import { ProgressTracker } from '../../../src/main/core/jobs/progressTracker'

describe('progress rate and ETA', () => {
  it('computes bytes per second and the time left over the window', () => {
    const tracker = new ProgressTracker(5000)
    expect(tracker.update({}, { doneBytes: 0, totalBytes: 1000 }, 0)).toEqual({ doneBytes: 0, totalBytes: 1000 })
    const p = tracker.update({ totalBytes: 1000 }, { doneBytes: 100 }, 1000)
    expect(p).toEqual({ doneBytes: 100, totalBytes: 1000, bytesPerSecond: 100, etaSeconds: 9 })
  })

  it('forgets samples older than the window, so a change of speed shows', () => {
    const tracker = new ProgressTracker(2000)
    let p = {}
    for (let t = 0; t <= 10_000; t += 500)
      p = tracker.update(p, { doneBytes: t <= 5000 ? t / 10 : 500 + (t - 5000), totalBytes: 100_000 }, t)
    expect(p).toMatchObject({ bytesPerSecond: 1000 })
  })

  it('keeps step text and leaves out rate and ETA when they cannot be known', () => {
    const tracker = new ProgressTracker()
    expect(tracker.update({}, { step: 'Listing' }, 0)).toEqual({ step: 'Listing' })
    expect(tracker.update({ step: 'Listing' }, { doneBytes: 5 }, 0)).toEqual({ step: 'Listing', doneBytes: 5 })
  })

  it('keeps a wait before a retry only until the next progress', () => {
    const tracker = new ProgressTracker()
    const retry = { attempt: 2, maxAttempts: 9, at: '2026-01-01T00:00:30.000Z', reason: 'the storage answered HTTP 503 SlowDown' }
    const waiting = tracker.update({ step: 'uploading', doneBytes: 10 }, { step: 'uploading', doneBytes: 0, retry }, 0)
    expect(waiting.retry).toEqual(retry)
    expect(tracker.update(waiting, { step: 'uploading', doneBytes: 100 }, 1000).retry).toBeUndefined()
  })
})
