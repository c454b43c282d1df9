import { describe, expect, it } from 'vitest'
import { DEFAULT_POLL_SCHEDULE, maxChecksToSee, pollDelayMs } from '../../../src/main/core/privacy'
import { delayAfterFailureMs, readPollSchedule } from '../../../src/main/core/privacy/pollSchedule'
import { AppError } from '../../../src/shared/errors'

const settings = (value: unknown) => ({ path: 'memory', get: () => value, set: () => undefined })

describe('the poll schedule', () => {
  it('starts at 5 s and doubles up to 15 minutes between checks', () => {
    const delays = Array.from({ length: 11 }, (_, k) => pollDelayMs(k, DEFAULT_POLL_SCHEDULE) / 1000)
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900])
    expect(pollDelayMs(5000, DEFAULT_POLL_SCHEDULE)).toBe(900_000)
  })

  it('bounds the checks a request costs by its duration', () => {
    const fast = { baseMs: 50, capMs: 200, rateLimitedFloorMs: 180 }
    // checks at 50, 150, 350, 550, 750 ms
    expect([1, 50, 51, 150, 151, 350, 351, 550, 551, 750].map((t) => maxChecksToSee(t, fast))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    expect(maxChecksToSee(0, fast)).toBe(1)
    expect(maxChecksToSee(3 * 86_400_000, DEFAULT_POLL_SCHEDULE)).toBe(8 + Math.ceil((259_200 - 1_275) / 900))
  })

  it('waits at least the floor after a check that stayed rate limited, and only then', () => {
    const rateLimited = new AppError({ code: 'rate_limited', message: '429', hint: '' })
    const network = new AppError({ code: 'network', message: 'reset', hint: '' })
    expect(delayAfterFailureMs(0, DEFAULT_POLL_SCHEDULE, rateLimited)).toBe(60_000)
    expect(delayAfterFailureMs(9, DEFAULT_POLL_SCHEDULE, rateLimited)).toBe(900_000)
    expect(delayAfterFailureMs(0, DEFAULT_POLL_SCHEDULE, network)).toBe(5_000)
  })

  it('reads another schedule from settings, and ignores one that makes no sense', () => {
    expect(readPollSchedule(settings({ baseMs: 50, capMs: 200 }))).toEqual({ baseMs: 50, capMs: 200, rateLimitedFloorMs: 200 })
    expect(readPollSchedule(settings({ baseMs: 500, capMs: 200 }))).toBe(DEFAULT_POLL_SCHEDULE)
    expect(readPollSchedule(settings({ baseMs: 1 }))).toBe(DEFAULT_POLL_SCHEDULE)
    expect(readPollSchedule(settings(undefined))).toBe(DEFAULT_POLL_SCHEDULE)
  })
})
