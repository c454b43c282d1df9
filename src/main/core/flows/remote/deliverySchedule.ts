import { z } from 'zod'
import type { SettingsBackend } from '../../types'

/** How a copy is sent again after a 5xx, a network failure or a 429. */
export interface DeliverySchedule {
  /** The first wait after a 5xx or network failure; each further one doubles. */
  baseMs: number
  /** No backoff wait is longer. */
  capMs: number
  /** Attempts in all (the first included) before the copy is marked failed. */
  maxAttempts: number
  /** A 429's Retry-After is honoured up to this. */
  maxRetryAfterMs: number
}

/** 5 s, 10 s, 20 s ... at most 10 min apart, 8 attempts (about 20 minutes in all); Retry-After up to 15 min. */
export const DEFAULT_DELIVERY_SCHEDULE: DeliverySchedule = {
  baseMs: 5_000,
  capMs: 10 * 60_000,
  maxAttempts: 8,
  maxRetryAfterMs: 15 * 60_000,
}

/** Settings key for another schedule (tests use milliseconds). */
export const DELIVERY_SCHEDULE_SETTING = 'flowsRemoteDelivery'

const ScheduleSetting = z
  .object({
    baseMs: z.number().int().min(1),
    capMs: z.number().int().min(1),
    maxAttempts: z.number().int().min(1).max(100),
    maxRetryAfterMs: z.number().int().min(0),
  })
  .refine((s) => s.capMs >= s.baseMs, 'capMs must be at least baseMs')

export function readDeliverySchedule(settings: SettingsBackend): DeliverySchedule {
  const parsed = ScheduleSetting.safeParse(settings.get(DELIVERY_SCHEDULE_SETTING))
  return parsed.success ? parsed.data : DEFAULT_DELIVERY_SCHEDULE
}

/** The wait after failed attempt number `attempt` (1-based): baseMs, doubling, capped. */
export function backoffMs(attempt: number, schedule: DeliverySchedule): number {
  return Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, attempt - 1))
}
