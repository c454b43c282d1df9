import type { PlanAction, PlanItem, PromptUploadState, PromptUploadView } from '../../../../shared/contract/prompts'
import { PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import { formatBytes } from '../../../../shared/format'
import { formatSeconds } from '../../ui/format'

export const ACTION_WORDS: Record<PlanAction, string> = {
  create: 'Create',
  'add-language': 'Add language',
  replace: 'Replace',
  refused: 'Refused',
}

export const STATE_WORDS: Record<PromptUploadState, string> = {
  queued: 'Queued',
  creating: 'Creating',
  uploading: 'Uploading',
  transcoding: 'Transcoding',
  transcoded: 'Transcoded',
  transcodeFailed: 'Transcode failed',
  skipped: 'Skipped',
  failed: 'Failed',
  paused: 'Paused',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
}

/** A state the core may add later is shown as it came. */
export function stateWord(state: string): string {
  return (STATE_WORDS as Record<string, string | undefined>)[state] ?? state
}

const UPLOAD_STATUS_WORDS: Record<string, string> = {
  created: 'Created (no audio)',
  uploaded: 'Uploaded',
  transcoded: 'Transcoded',
  transcodeFailed: 'Transcode failed',
}

/** The platform's uploadStatus in words; a value it adds later is shown raw. */
export function uploadStatusWord(status: string | undefined): string {
  if (!status) return 'No status'
  return UPLOAD_STATUS_WORDS[status] ?? status
}

export const ACTIVE_STATES: PromptUploadState[] = ['queued', 'creating', 'uploading', 'transcoding']
export const RESUMABLE_STATES: PromptUploadState[] = ['paused', 'interrupted']
export const RETRYABLE_STATES: PromptUploadState[] = ['failed', 'cancelled', 'transcodeFailed']
export const FINISHED_STATES: PromptUploadState[] = ['transcoded', 'transcodeFailed', 'skipped', 'failed', 'cancelled']

/** "welcome_message.en-us.wav": the name a file needs for the convention. */
export function conventionName(prompt: string, language: string): string {
  return `${prompt}.${language}.wav`
}

/** Why a dropped file is refused before any byte leaves the browser; undefined when it may go. */
export function localRefusal(name: string, size: number): string | undefined {
  const lower = name.toLowerCase()
  if (!lower.endsWith('.wav') && !lower.endsWith('.csv')) return 'Not a .wav prompt or a .csv manifest'
  if (size > PROMPT_LIMITS.maxFileBytes) {
    return `${formatBytes(size)}: over Architect's limit of ${formatBytes(PROMPT_LIMITS.maxFileBytes)} a file`
  }
  return undefined
}

export type ReplaceChoice = 'replace' | 'skip'

/**
 * What Start sends: the replace items the admin chose to replace (the others are skipped by the batch,
 * which says so per row), and the keys the admin left out altogether.
 */
export function startChoices(
  items: PlanItem[],
  choices: Record<string, ReplaceChoice>,
  leftOut: ReadonlySet<string>,
): { replace: string[]; exclude: string[] } {
  const sendable = items.filter((i) => i.action !== 'refused')
  return {
    replace: sendable.filter((i) => i.action === 'replace' && choices[i.key] === 'replace' && !leftOut.has(i.key)).map((i) => i.key),
    exclude: sendable.filter((i) => leftOut.has(i.key)).map((i) => i.key),
  }
}

/** How many files a Start would upload (refused, left out and skipped ones are not sent). */
export function itemsToSend(items: PlanItem[], choices: Record<string, ReplaceChoice>, leftOut: ReadonlySet<string>): number {
  return items.filter(
    (i) =>
      !leftOut.has(i.key) &&
      (i.action === 'create' || i.action === 'add-language' || (i.action === 'replace' && choices[i.key] === 'replace')),
  ).length
}

/** Keeps the newer of two views of one upload: a signal and a list answer may arrive in either order. */
export function newerUpload(known: PromptUploadView | undefined, incoming: PromptUploadView): PromptUploadView {
  return known && known.revision > incoming.revision ? known : incoming
}

/** "00:03.2" style length of a prompt: "3.2 s", "1 min 5 s". */
export function formatPromptLength(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
  const s = Math.round(seconds)
  return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
}

/** "1.2 MB of 3 MB · 850 KB/s · 3 s left" */
export function progressText(view: Pick<PromptUploadView, 'doneBytes' | 'totalBytes' | 'bytesPerSecond' | 'etaSeconds'>): string {
  const parts = [`${formatBytes(view.doneBytes)} of ${formatBytes(view.totalBytes)}`]
  if (view.bytesPerSecond) parts.push(`${formatBytes(Math.round(view.bytesPerSecond))}/s`)
  if (view.etaSeconds !== undefined && view.bytesPerSecond) parts.push(`${formatSeconds(view.etaSeconds)} left`)
  return parts.join(' · ')
}

/** "Retrying in 12 s (attempt 2 of 5): the API asked to slow down (HTTP 429)" */
export function retryText(retry: NonNullable<PromptUploadView['retry']>, nowMs: number): string {
  const left = Math.max(0, Math.ceil((Date.parse(retry.at) - nowMs) / 1000))
  const when = left > 0 ? `Retrying in ${formatSeconds(left)}` : 'Retrying now'
  return `${when} (attempt ${retry.attempt} of ${retry.maxAttempts}): ${retry.reason}`
}

export interface BatchCounts {
  total: number
  transcoded: number
  transcodeFailed: number
  failed: number
  skipped: number
  cancelled: number
  active: number
  paused: number
}

/** Counted from the rows themselves, so the summary moves with every row's signal. */
export function batchCounts(items: Pick<PromptUploadView, 'state'>[]): BatchCounts {
  const n = (states: string[]) => items.filter((i) => states.includes(i.state)).length
  return {
    total: items.length,
    transcoded: n(['transcoded']),
    transcodeFailed: n(['transcodeFailed']),
    failed: n(['failed']),
    skipped: n(['skipped']),
    cancelled: n(['cancelled']),
    active: n(ACTIVE_STATES),
    paused: n(RESUMABLE_STATES),
  }
}
