import { z } from 'zod'
import type { SettingsBackend } from '../types'
import { DEFAULT_JOB_RETENTION_MS } from './jobStore'

/** Settings key: how many days finished jobs (done, failed, cancelled) stay in the job journal. */
export const JOB_RETENTION_SETTING = 'jobRetentionDays'

const RetentionDays = z.number().positive().max(3650)

/** The retention period in ms: the setting when it is a sensible number of days, else 7 days. */
export function readJobRetentionMs(settings: SettingsBackend): number {
  const parsed = RetentionDays.safeParse(settings.get(JOB_RETENTION_SETTING))
  return parsed.success ? Math.round(parsed.data * 86_400_000) : DEFAULT_JOB_RETENTION_MS
}
