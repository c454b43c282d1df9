/**
 * One audit line: its exact text, its hash, and the cheap byte-level checks that verify and query use
 * instead of JSON.parse on every line.
 *
 * Format: one JSON object per line, keys always in this order:
 *   {"seq":N,"time":"…","profile":"…","org":"…","action":"…","target":"…","outcome":"…",
 *    ["latencyMs":N,]["correlationId":"…",]["detail":{…},]"prev":"<64 hex>"}
 * `prev` is the SHA-256 (hex) of the previous line's UTF-8 bytes without its newline; the first line
 * of the log has 64 zeros. Because `seq` is always first and `prev` always last, both can be read from
 * raw bytes.
 */
import { hash } from 'node:crypto'
import { z } from 'zod'
import type { AuditEntry } from '../../../shared/api'
import { AuditOutcomeSchema } from '../../../shared/contract/audit'
import { isDetailValue, isPlainObject } from './plainValues'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Actions of the lines written per HTTP request to Genesys Cloud (the call and its write-ahead intent),
 * as opposed to workflow steps; "Workflow steps" in the viewer leaves these out.
 */
export const API_CALL_ACTIONS = ['api.call', 'api.intent'] as const

const SEQ_PREFIX = Buffer.from('{"seq":')
const PREV_SUFFIX_HEAD = Buffer.from(',"prev":"')
/** `,"prev":"` + 64 hex + `"}` */
const PREV_SUFFIX_LENGTH = PREV_SUFFIX_HEAD.length + 64 + 2

export { AuditOutcomeSchema }

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  time: z.string(),
  profile: z.string(),
  org: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: AuditOutcomeSchema,
  latencyMs: z.number().optional(),
  correlationId: z.string().optional(),
  detail: z.record(z.string(), DetailValue).optional(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
})

/** The exact text of an entry's line (without the newline), keys in the canonical order. */
export function serializeAuditEntry(entry: AuditEntry): string {
  const ordered: Record<string, unknown> = {
    seq: entry.seq,
    time: entry.time,
    profile: entry.profile,
    org: entry.org,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
  }
  if (entry.latencyMs !== undefined) ordered.latencyMs = entry.latencyMs
  if (entry.correlationId !== undefined) ordered.correlationId = entry.correlationId
  if (entry.detail !== undefined) ordered.detail = entry.detail
  ordered.prev = entry.prev
  return JSON.stringify(ordered)
}

export function hashLine(line: string | Uint8Array): string {
  return hash('sha256', line, 'hex')
}

/**
 * Parses and validates one line; undefined when it is not a well-formed entry. AuditEntrySchema decides,
 * but a line that plainly has the canonical shape is taken after a few direct checks: a zod parse costs
 * more than finding the line (a search page's hundred, tens of milliseconds while the process is young).
 * Only entries the schema accepts unchanged pass them (every key known, so nothing is stripped).
 */
export function parseAuditLine(text: string): AuditEntry | undefined {
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

const OUTCOMES: ReadonlySet<string> = new Set(AuditOutcomeSchema.options)
const HEX64 = /^[0-9a-f]{64}$/
const KEYS: ReadonlySet<string> = new Set(Object.keys(AuditEntrySchema.shape))
const REQUIRED_KEYS = 8

function isDetail(v: unknown): boolean {
  if (!isPlainObject(v)) return false
  for (const key in v) if (!Object.hasOwn(v, key) || key === '__proto__' || !isDetailValue(v[key])) return false
  return true
}

/** True only for what AuditEntrySchema accepts unchanged. */
function plainlyAnEntry(v: unknown): v is AuditEntry {
  if (!isPlainObject(v)) return false
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

/** Reads `seq` from the line's first bytes; undefined when the line does not start like an entry. */
export function readSeq(buf: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < SEQ_PREFIX.length + 1) return undefined
  for (let i = 0; i < SEQ_PREFIX.length; i++) if (buf[start + i] !== SEQ_PREFIX[i]) return undefined
  let value = 0
  let i = start + SEQ_PREFIX.length
  const first = i
  for (; i < end; i++) {
    const c = buf[i]
    if (c < 48 || c > 57) break
    value = value * 10 + (c - 48)
  }
  if (i === first || i - first > 15 || buf[i] !== 44 /* , */) return undefined
  return value
}

/** Start index of the 64 hex digits of `prev`, or -1 when the line does not end like an entry. */
export function prevHashStart(buf: Uint8Array, start: number, end: number): number {
  if (end - start < PREV_SUFFIX_LENGTH + SEQ_PREFIX.length) return -1
  const head = end - PREV_SUFFIX_LENGTH
  for (let i = 0; i < PREV_SUFFIX_HEAD.length; i++) if (buf[head + i] !== PREV_SUFFIX_HEAD[i]) return -1
  if (buf[end - 2] !== 34 /* " */ || buf[end - 1] !== 125 /* } */) return -1
  const hexStart = head + PREV_SUFFIX_HEAD.length
  for (let i = hexStart; i < hexStart + 64; i++) {
    const c = buf[i]
    const isHex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102)
    if (!isHex) return -1
  }
  return hexStart
}
