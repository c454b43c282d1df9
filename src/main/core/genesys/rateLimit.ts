import { readHeader } from './headers'

export interface RateLimitSnapshot {
  /** Requests counted in the current window (inin-ratelimit-count). */
  count?: number
  /** Requests allowed in the window (inin-ratelimit-allowed). */
  allowed?: number
  /** Seconds until the window resets (inin-ratelimit-reset). */
  reset?: number
}

/** The inin-ratelimit-* headers are only partly documented: read what is there, ignore what is not a number. */
export function rateLimitFromHeaders(headers: unknown): RateLimitSnapshot | undefined {
  const snapshot: RateLimitSnapshot = {}
  const count = numberHeader(headers, 'inin-ratelimit-count')
  const allowed = numberHeader(headers, 'inin-ratelimit-allowed')
  const reset = numberHeader(headers, 'inin-ratelimit-reset')
  if (count !== undefined) snapshot.count = count
  if (allowed !== undefined) snapshot.allowed = allowed
  if (reset !== undefined) snapshot.reset = reset
  return Object.keys(snapshot).length > 0 ? snapshot : undefined
}

/** Retry-After in seconds; the HTTP-date form is accepted too, though Genesys sends seconds. */
export function retryAfterSecondsFrom(headers: unknown, nowMs: number = Date.now()): number | undefined {
  const raw = readHeader(headers, 'retry-after')?.trim()
  if (!raw) return undefined
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw))
  const date = Date.parse(raw)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - nowMs) / 1000))
}

function numberHeader(headers: unknown, name: string): number | undefined {
  const raw = readHeader(headers, name)
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) ? value : undefined
}
