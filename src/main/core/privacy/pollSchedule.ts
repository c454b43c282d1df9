import { z } from 'zod'
import type { AppError } from '../../../shared/errors'
import type { SettingsBackend } from '../types'

/**
 * When tracked requests are checked: the k-th check after submission (k = 0, 1, ...) waits
 * min(capMs, baseMs * 2^k) after the previous one. No jitter: each request runs on its own clock,
 * started when it was made, so there is no herd to spread, and the count of checks stays predictable.
 */
export interface PollSchedule {
  baseMs: number
  capMs: number
  /** After a check that stayed rate limited through the client's own Retry-After waits, wait at least this. */
  rateLimitedFloorMs: number
}

/** 5 s, 10 s, 20 s, ... up to 15 min between checks; a minute at least after a lasting 429. */
export const DEFAULT_POLL_SCHEDULE: PollSchedule = { baseMs: 5_000, capMs: 15 * 60_000, rateLimitedFloorMs: 60_000 }

/** Settings key for another schedule (tests use milliseconds; an admin could slow it down). */
export const POLL_SCHEDULE_SETTING = 'privacyPolling'

const ScheduleSetting = z
  .object({ baseMs: z.number().int().min(10), capMs: z.number().int().min(10), rateLimitedFloorMs: z.number().int().min(0).optional() })
  .refine((s) => s.capMs >= s.baseMs, 'capMs must be at least baseMs')

export function readPollSchedule(settings: SettingsBackend): PollSchedule {
  const parsed = ScheduleSetting.safeParse(settings.get(POLL_SCHEDULE_SETTING))
  if (!parsed.success) return DEFAULT_POLL_SCHEDULE
  return {
    baseMs: parsed.data.baseMs,
    capMs: parsed.data.capMs,
    rateLimitedFloorMs: parsed.data.rateLimitedFloorMs ?? Math.min(DEFAULT_POLL_SCHEDULE.rateLimitedFloorMs, parsed.data.capMs),
  }
}

/** The wait before check number `checksDone` (0 = the first, counted from the submission). */
export function pollDelayMs(checksDone: number, schedule: PollSchedule): number {
  // 2^k overflows to Infinity long after the cap applies; min() handles it.
  return Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, checksDone))
}

export function delayAfterFailureMs(checksDone: number, schedule: PollSchedule, failure: AppError): number {
  const next = pollDelayMs(checksDone, schedule)
  return failure.code === 'rate_limited' ? Math.max(next, Math.min(schedule.rateLimitedFloorMs, schedule.capMs)) : next
}

/**
 * The most checks a request that takes totalMs to finish can cost: the first k with
 * sum_{i<k} min(cap, base * 2^i) >= totalMs, since the k-th check then happens at or after the finish.
 * With the defaults, a 3-day export costs at most 8 + ceil((259200 - 1275) / 900) = 295 checks.
 */
export function maxChecksToSee(totalMs: number, schedule: PollSchedule): number {
  let elapsed = 0
  let checks = 0
  while (elapsed < totalMs) {
    elapsed += pollDelayMs(checks, schedule)
    checks += 1
  }
  return Math.max(1, checks)
}
