/**
 * The search's date range: typed in the admin's local time (datetime-local inputs), sent as ISO instants.
 * Presets are worked out from "now" so a test can pass its own.
 */

export const RANGE_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last30', label: 'Last 30 days' },
] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]['id']

export interface LocalRange {
  /** datetime-local values: "2026-11-30T09:00", the admin's own clock. */
  from: string
  to: string
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** A Date as a datetime-local value in the admin's time zone (minutes; seconds dropped). */
export function toLocalInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * MINUTE).toISOString().slice(0, 16)
}

/** A datetime-local value as an ISO instant; undefined when it is not a time. */
export function localInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined
  // Without an offset, Date reads a date-time as local time: the admin's clock.
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

function startOfDay(date: Date): Date {
  const start = new Date(date.getTime())
  start.setHours(0, 0, 0, 0)
  return start
}

/** The end of the current minute, so a call that started just now is inside "up to now". */
function endOfMinute(date: Date): Date {
  return new Date(Math.ceil((date.getTime() + 1) / MINUTE) * MINUTE)
}

export function presetRange(preset: RangePreset, now: Date): LocalRange {
  const today = startOfDay(now)
  switch (preset) {
    case 'today':
      return { from: toLocalInput(today), to: toLocalInput(endOfMinute(now)) }
    case 'yesterday': {
      // Half a day back then to midnight: right on days that are 23 or 25 hours long.
      const yesterday = startOfDay(new Date(today.getTime() - DAY / 2))
      return { from: toLocalInput(yesterday), to: toLocalInput(today) }
    }
    case 'last7':
      return { from: toLocalInput(new Date(now.getTime() - 7 * DAY)), to: toLocalInput(endOfMinute(now)) }
    case 'last30':
      return { from: toLocalInput(new Date(now.getTime() - 30 * DAY)), to: toLocalInput(endOfMinute(now)) }
  }
}

/** The range as the contract wants it, or what is wrong with it in words. */
export function rangeToInstants(range: LocalRange): { from: string; to: string } | { problem: string; field: 'from' | 'to' } {
  const from = localInputToIso(range.from)
  if (!from) return { problem: 'Enter the start of the range (date and time).', field: 'from' }
  const to = localInputToIso(range.to)
  if (!to) return { problem: 'Enter the end of the range (date and time).', field: 'to' }
  if (Date.parse(to) <= Date.parse(from)) return { problem: 'The end must be after the start.', field: 'to' }
  return { from, to }
}
