/**
 * The entries of a page, parsed from their lines. AuditEntrySchema decides what a well-formed entry
 * is, but a page's hundred zod parses cost more than the search that found them (and tens of
 * milliseconds while the process is young, before the engine has optimised zod's code), so an entry
 * that plainly has the canonical shape is taken after a few direct checks. Only entries the schema
 * accepts pass them, with the same result (every key known, so nothing is stripped); anything else,
 * even an odd but valid entry, goes through the schema.
 */
import type { AuditEntry } from '../../../../shared/api'
import { AuditEntrySchema, AuditOutcomeSchema } from '../auditLine'

const OUTCOMES: ReadonlySet<string> = new Set(AuditOutcomeSchema.options)
const HEX64 = /^[0-9a-f]{64}$/
const KEYS: ReadonlySet<string> = new Set(Object.keys(AuditEntrySchema.shape))
const REQUIRED_KEYS = 8

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function isDetail(v: unknown): boolean {
  if (!isRecord(v)) return false
  for (const key in v) {
    if (!Object.hasOwn(v, key) || key === '__proto__') return false
    const value = v[key]
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value)))
      return false
  }
  return Object.getPrototypeOf(v) === Object.prototype
}

/** True only for what AuditEntrySchema accepts unchanged. */
function plainlyAnEntry(v: unknown): v is AuditEntry {
  if (!isRecord(v) || Object.getPrototypeOf(v) !== Object.prototype) return false
  let keys = 0
  for (const key in v) {
    if (!Object.hasOwn(v, key) || !KEYS.has(key)) return false
    keys += 1
  }
  const e = v as Record<string, unknown>
  const optional = (e.latencyMs !== undefined ? 1 : 0) + (e.correlationId !== undefined ? 1 : 0) + (e.detail !== undefined ? 1 : 0)
  return (
    keys === REQUIRED_KEYS + optional &&
    typeof e.seq === 'number' &&
    Number.isSafeInteger(e.seq) &&
    e.seq > 0 &&
    typeof e.time === 'string' &&
    typeof e.profile === 'string' &&
    typeof e.org === 'string' &&
    typeof e.action === 'string' &&
    typeof e.target === 'string' &&
    typeof e.outcome === 'string' &&
    OUTCOMES.has(e.outcome) &&
    (e.latencyMs === undefined || (typeof e.latencyMs === 'number' && Number.isFinite(e.latencyMs))) &&
    (e.correlationId === undefined || typeof e.correlationId === 'string') &&
    (e.detail === undefined || isDetail(e.detail)) &&
    typeof e.prev === 'string' &&
    HEX64.test(e.prev)
  )
}

/** The line's entry; undefined when it is not a well-formed entry (as parseAuditLine). */
export function listedEntry(text: string): AuditEntry | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (plainlyAnEntry(raw)) return raw
  const parsed = AuditEntrySchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
