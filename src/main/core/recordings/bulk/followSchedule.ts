import { z } from 'zod'
import type { SettingsBackend } from '../../types'

/** Checks of a followed bulk job: baseMs after a change, doubling while nothing changes, never more than capMs apart. */
export interface BulkFollowSchedule {
  baseMs: number
  capMs: number
}

/** 5 s, 10 s, 20 s, ... up to 5 minutes: a bulk job takes minutes to hours. */
export const DEFAULT_BULK_FOLLOW_SCHEDULE: BulkFollowSchedule = { baseMs: 5_000, capMs: 5 * 60_000 }

/** Settings key for another schedule (tests use milliseconds). */
export const BULK_FOLLOW_SCHEDULE_SETTING = 'recordingsBulkPolling'

const ScheduleSetting = z
  .object({ baseMs: z.number().int().min(10), capMs: z.number().int().min(10) })
  .refine((s) => s.capMs >= s.baseMs, 'capMs must be at least baseMs')

export function readBulkFollowSchedule(settings: SettingsBackend): BulkFollowSchedule {
  const parsed = ScheduleSetting.safeParse(settings.get(BULK_FOLLOW_SCHEDULE_SETTING))
  return parsed.success ? parsed.data : DEFAULT_BULK_FOLLOW_SCHEDULE
}

export function followDelayMs(unchangedChecks: number, schedule: BulkFollowSchedule): number {
  return Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, unchangedChecks))
}
