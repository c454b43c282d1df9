import { z } from 'zod'
import type { SettingsBackend } from '../../types'

/** How an export job is polled: baseMs after a change, doubling while nothing changes, at most capMs apart, maxPolls reads in all. */
export interface ExportPolling {
  baseMs: number
  capMs: number
  maxPolls: number
}

/** 1 s, 2 s, 4 s ... 10 s apart; 360 reads is about an hour, far beyond any export Archy finishes. */
export const DEFAULT_EXPORT_POLLING: ExportPolling = { baseMs: 1_000, capMs: 10_000, maxPolls: 360 }

/** Settings key for another schedule (tests use milliseconds). */
export const EXPORT_POLLING_SETTING = 'flowsExportPolling'

const PollingSetting = z
  .object({ baseMs: z.number().int().min(1), capMs: z.number().int().min(1), maxPolls: z.number().int().min(1).max(100_000) })
  .refine((s) => s.capMs >= s.baseMs, 'capMs must be at least baseMs')

export function readExportPolling(settings: SettingsBackend): ExportPolling {
  const parsed = PollingSetting.safeParse(settings.get(EXPORT_POLLING_SETTING))
  return parsed.success ? parsed.data : DEFAULT_EXPORT_POLLING
}

export function pollDelayMs(unchangedPolls: number, polling: ExportPolling): number {
  return Math.min(polling.capMs, polling.baseMs * 2 ** Math.max(0, unchangedPolls))
}
