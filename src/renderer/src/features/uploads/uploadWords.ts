import { formatBytes } from '../../../../shared/format'
import type { UploadRowState, UploadView } from '../../../../shared/contract/uploads'
import { formatSeconds } from '../../ui/format'

export const STATE_WORDS: Record<UploadRowState, string> = {
  queued: 'Queued',
  hashing: 'Hashing',
  uploading: 'Uploading',
  confirming: 'Confirming',
  done: 'Uploaded',
  skipped: 'Skipped: duplicate',
  failed: 'Failed',
  refused: 'Refused',
  paused: 'Paused',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
}

export const ACTIVE_STATES: UploadRowState[] = ['queued', 'hashing', 'uploading', 'confirming']
export const UNFINISHED_STATES: UploadRowState[] = [...ACTIVE_STATES, 'paused', 'interrupted']
export const FINISHED_STATES: UploadRowState[] = ['done', 'skipped', 'failed', 'refused', 'cancelled']

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`
}

/** "1.2 MB of 3 MB · 850 KB/s · 3 s left" */
export function progressText(done: number, total: number, bytesPerSecond?: number, etaSeconds?: number): string {
  const parts = [`${formatBytes(done)} of ${formatBytes(total)}`]
  if (bytesPerSecond !== undefined && bytesPerSecond > 0) parts.push(formatSpeed(bytesPerSecond))
  if (etaSeconds !== undefined && bytesPerSecond) parts.push(`${formatSeconds(etaSeconds)} left`)
  return parts.join(' · ')
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
}

/** Seconds left until an ISO time, counted down to 0. */
export function secondsUntil(at: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(at) - nowMs) / 1000))
}

/** "Retrying in 12 s (attempt 2 of 9): the storage answered HTTP 503 SlowDown" */
export function retryText(retry: NonNullable<UploadView['retry']>, nowMs: number): string {
  const left = secondsUntil(retry.at, nowMs)
  const when = left > 0 ? `Retrying in ${formatSeconds(left)}` : 'Retrying now'
  return `${when} (attempt ${retry.attempt} of ${retry.maxAttempts}): ${retry.reason}`
}

/** The label of the button that runs failed and cancelled uploads again, saying what it covers. */
export function retryAllLabel(failed: number, cancelled: number): string {
  if (cancelled === 0) return 'Retry failed'
  if (failed === 0) return `Retry cancelled (${cancelled})`
  return `Retry failed and cancelled (${failed + cancelled})`
}
