import { describe, expect, it } from 'vitest'
import { retryAllLabel, retryText, secondsUntil } from '../../../src/renderer/src/features/uploads/uploadWords'

describe('an upload waiting to retry', () => {
  const retry = { attempt: 2, maxAttempts: 9, at: '2026-01-01T00:00:30.000Z', reason: 'the storage answered HTTP 503 SlowDown' }
  const at = (iso: string) => Date.parse(iso)

  it('counts down to the next attempt and says which one it is and why', () => {
    expect(retryText(retry, at('2026-01-01T00:00:00.000Z'))).toBe(
      'Retrying in 30 s (attempt 2 of 9): the storage answered HTTP 503 SlowDown',
    )
    expect(retryText(retry, at('2026-01-01T00:00:29.200Z'))).toBe(
      'Retrying in 1 s (attempt 2 of 9): the storage answered HTTP 503 SlowDown',
    )
    expect(retryText(retry, at('2026-01-01T00:00:31.000Z'))).toBe('Retrying now (attempt 2 of 9): the storage answered HTTP 503 SlowDown')
    expect(secondsUntil(retry.at, at('2026-01-01T00:00:10.000Z'))).toBe(20)
  })
})

describe('the retry button', () => {
  it('says when it also runs cancelled uploads again', () => {
    expect(retryAllLabel(2, 0)).toBe('Retry failed')
    expect(retryAllLabel(2, 1)).toBe('Retry failed and cancelled (3)')
    expect(retryAllLabel(0, 4)).toBe('Retry cancelled (4)')
  })
})
