import type { ProfileRegion } from '../../../shared/api'
import { REGIONS } from '../../../shared/regions'

/** "Sandbox (simulated org on this computer)" or the region's label from shared/regions.ts. */
export function regionLabel(region: ProfileRegion): string {
  if (region === 'sandbox') return 'Sandbox (simulated org on this computer)'
  return REGIONS.find((r) => r.id === region)?.label ?? region
}

/** The same, short enough for the status bar. */
export function regionShortLabel(region: ProfileRegion): string {
  return region === 'sandbox' ? 'Sandbox (local)' : regionLabel(region)
}

/** A span of seconds in words: "59 s", "10 min", "1 h 30 min", "2 d 3 h". */
export function formatSeconds(total: number): string {
  if (!Number.isFinite(total) || total < 0) return 'unknown'
  const s = Math.round(total)
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`
  const days = Math.floor(hours / 24)
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`
}

/** Milliseconds for people: "85 ms", "1.25 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown'
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

// One date and time format on every screen: the admin's locale, medium date and short time; seconds
// (same style) only where they matter, such as the audit log. Exports and the log file keep ISO 8601.
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const DATE_ONLY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const DATE_TIME_SECONDS = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const NUMBER = new Intl.NumberFormat()

function formatWith(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  // A time may wrap only between its date and its clock time, never inside either ("1:49 | PM").
  const parts = format.formatToParts(date)
  const beforeClock = parts.findIndex((part) => part.type === 'hour') - 1
  return parts.map((part, i) => (i === beforeClock ? part.value : part.value.replace(/\s/g, '\u00a0'))).join('')
}

/** An ISO time in the admin's locale: "30 Nov 2026, 11:59"; the raw text if it does not parse. */
export function formatTime(iso: string): string {
  return formatWith(DATE_TIME, iso)
}

/** The day alone, where the time of day means nothing (a deletion or archive date): "30 Nov 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : DATE_ONLY.format(date).replace(/\s/g, '\u00a0')
}

/** The same with seconds, where they matter (audit entries): "30 Nov 2026, 11:59:05". */
export function formatTimeWithSeconds(iso: string): string {
  return formatWith(DATE_TIME_SECONDS, iso)
}

/** "1,234" in the admin's locale. */
export function formatCount(n: number): string {
  return NUMBER.format(n)
}

/** A date input's value for a day in the computer's time zone: "2026-12-01" (the input shows it its own way). */
export function dayInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
