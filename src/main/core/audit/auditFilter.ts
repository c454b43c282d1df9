/**
 * Audit filters, compiled into a test on a line's raw bytes plus a fast way to jump to candidate
 * lines (a byte needle or a case-insensitive pattern found by the engine's native search), so that
 * most lines are skipped without being decoded and only candidates for free text are parsed.
 */
import type { AuditEntry } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { AuditFilterSchema, type AuditFilter } from '../../../shared/contract/audit'
import { actionMatches, normalizeActionQuery } from './actionMatch'
import { API_CALL_ACTIONS, parseAuditLine } from './auditLine'
import { fieldEquals, fieldText, TIME_LENGTH, timeStart, type StringField } from './lineFields'

export { AuditFilterSchema, type AuditFilter }

export type Jump = { kind: 'bytes'; needle: Buffer } | { kind: 'pattern'; pattern: RegExp }

export interface CompiledFilter {
  /** Stable key for caching results of this filter. */
  key: string
  isEmpty: boolean
  jump?: Jump
  test(buf: Buffer, start: number, end: number): boolean
}

const encode = (value: string) => Buffer.from(JSON.stringify(value))
const API_CALL_BYTES = API_CALL_ACTIONS.map(encode)

function normalizeTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw new AppError({
      code: 'invalid_input',
      message: `The ${name} time "${value}" is not a date.`,
      hint: 'Use a date like 2025-01-31 or 2025-01-31T09:00:00Z.',
    })
  }
  return date.toISOString()
}

/** An empty range is a mistake in the filter, not a question whose answer is "nothing". */
function assertRangeOrder(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined || to > from) return
  throw new AppError({
    code: 'invalid_input',
    message: to === from ? 'The “Until” time is the same as the “From” time.' : 'The “Until” time is before the “From” time.',
    hint: 'Set “Until” to a time after “From”, or clear one of them.',
  })
}

/** The text searched by the free-text filter: every field except seq and prev. */
export function searchableText(e: AuditEntry): string {
  const parts = [
    e.time,
    e.profile,
    e.org,
    e.action,
    e.target,
    e.outcome,
    e.correlationId ?? '',
    e.latencyMs === undefined ? '' : String(e.latencyMs),
  ]
  for (const [k, v] of Object.entries(e.detail ?? {})) parts.push(`${k}=${v}`)
  return parts.join('\n').toLowerCase()
}

/**
 * A case-insensitive pattern every line matching `text` contains: the longest run of the JSON-escaped
 * text that is plain ASCII and not `=` (detail is searched as key=value but stored as "key":value).
 */
function textPattern(text: string): RegExp | undefined {
  const escaped = JSON.stringify(text).slice(1, -1)
  const runs = escaped.split(/[^\x20-\x7e]+|=/).filter((r) => r.length >= 2)
  const longest = runs.sort((a, b) => b.length - a.length)[0]
  if (!longest) return undefined
  return new RegExp(longest.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi')
}

export function compileFilter(input: AuditFilter = {}): CompiledFilter {
  const filter = AuditFilterSchema.parse(input)
  const from = normalizeTime(filter.from, 'from')
  const to = normalizeTime(filter.to, 'to')
  assertRangeOrder(from, to)
  const fromBytes = from === undefined ? undefined : Buffer.from(from)
  const toBytes = to === undefined ? undefined : Buffer.from(to)
  const exact: [StringField, Buffer][] = []
  for (const field of ['org', 'profile'] as const) {
    const value = filter[field]
    if (value !== undefined && value !== '') exact.push([field, encode(value)])
  }
  const outcomes = filter.outcome === undefined ? [] : ([] as string[]).concat(filter.outcome).map(encode)
  const text = filter.text?.trim().toLowerCase() || undefined
  const action = normalizeActionQuery(filter.action)
  const hideApiCalls = filter.hideApiCalls === true

  const key = JSON.stringify([from, to, exact.map(([f, v]) => [f, v.toString()]), outcomes.map(String).sort(), text, action, hideApiCalls])
  const isEmpty = !from && !to && exact.length === 0 && outcomes.length === 0 && !text && !action && !hideApiCalls

  const test = (buf: Buffer, start: number, end: number): boolean => {
    if (fromBytes || toBytes) {
      const t = timeStart(buf, start, end)
      if (t < 0) return false
      // buf.compare(target, ...) orders the line's time against the bound: < 0 means earlier.
      if (fromBytes && buf.compare(fromBytes, 0, TIME_LENGTH, t, t + TIME_LENGTH) < 0) return false
      if (toBytes && buf.compare(toBytes, 0, TIME_LENGTH, t, t + TIME_LENGTH) >= 0) return false
    }
    for (const [field, encoded] of exact) if (!fieldEquals(buf, start, end, field, encoded)) return false
    if (outcomes.length > 0 && !outcomes.some((o) => fieldEquals(buf, start, end, 'outcome', o))) return false
    if (hideApiCalls && API_CALL_BYTES.some((a) => fieldEquals(buf, start, end, 'action', a))) return false
    if (action) {
      const value = fieldText(buf, start, end, 'action')
      if (value === undefined || !actionMatches(value, action)) return false
    }
    if (text) {
      const entry = parseAuditLine(buf.toString('utf8', start, end))
      if (!entry || !searchableText(entry).includes(text)) return false
    }
    return true
  }

  let jump: Jump | undefined
  const pattern = text ? textPattern(text) : undefined
  const actionPattern = action ? textPattern(action) : undefined
  if (pattern) jump = { kind: 'pattern', pattern }
  else if (exact.length > 0) jump = { kind: 'bytes', needle: Buffer.concat([Buffer.from(`,"${exact[0][0]}":`), exact[0][1]]) }
  else if (actionPattern) jump = { kind: 'pattern', pattern: actionPattern }
  else if (outcomes.length === 1) jump = { kind: 'bytes', needle: Buffer.concat([Buffer.from(',"outcome":'), outcomes[0]]) }
  return { key, isEmpty, jump, test }
}
