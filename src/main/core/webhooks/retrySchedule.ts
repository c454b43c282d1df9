import { z } from 'zod'
import type { SettingsBackend } from '../types'

/** How deliveries are retried and timed out. Tests shrink it through the settings file; the app uses the defaults. */
export interface DeliveryTuning {
  /** First retry waits about this; each next one twice as long. */
  retryBaseMs: number
  /** No backoff wait is longer (a Retry-After may ask for longer: it is honoured up to the give-up time). */
  retryCapMs: number
  /** A receiver that answers nothing for this long, or has not finished by then, is timed out. */
  timeoutMs: number
}

export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = { retryBaseMs: 5_000, retryCapMs: 60 * 60_000, timeoutMs: 10_000 }
/** A delivery is given up, and an endpoint failing throughout is disabled, after this long. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000

export const DELIVERY_TUNING_SETTING = 'webhookDeliveryTuning'

const TuningSetting = z.object({
  retryBaseMs: z.number().int().min(1),
  retryCapMs: z.number().int().min(1),
  timeoutMs: z.number().int().min(50),
})

export function readDeliveryTuning(settings: SettingsBackend): DeliveryTuning {
  const parsed = TuningSetting.partial().safeParse(settings.get(DELIVERY_TUNING_SETTING))
  return parsed.success ? { ...DEFAULT_DELIVERY_TUNING, ...parsed.data } : DEFAULT_DELIVERY_TUNING
}

/**
 * The wait after failed attempt number `attempt` (1 = the first): exponential, capped, with jitter
 * (between half and all of it, so endpoints that failed together do not retry together); at least
 * what the receiver's Retry-After asked for.
 */
export function retryDelayMs(attempt: number, tuning: DeliveryTuning, retryAfterMs?: number, random: () => number = Math.random): number {
  const full = Math.min(tuning.retryCapMs, tuning.retryBaseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)))
  const jittered = Math.round(full / 2 + random() * (full / 2))
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, GIVE_UP_AFTER_MS))
}

/** Statuses worth another attempt: the receiver is down or busy. Any other 4xx will not change by sending again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500
}
