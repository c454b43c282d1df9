/**
 * Audit filters, compiled into a test on a line's raw bytes plus a fast way to jump to candidate
 * lines (a byte needle, or a case-insensitive literal, found by the engine's native byte search), so that
 * most lines are skipped without being decoded and only candidates for free text are parsed.
 */
import type { AuditEntry } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { AuditFilterSchema, type AuditFilter } from '../../../shared/contract/audit'
import { actionMatches, normalizeActionQuery } from './actionMatch'
import { API_CALL_ACTIONS } from './auditLine'
import { fieldEquals, fieldText, stringValueStart, TIME_LENGTH, timeStart, type StringField } from './lineFields'
import { actionMatchesAt, actionQueryBytes } from './search/actionBytes'
import { caseFoldJump, holdsLiteral, type CaseFoldJump } from './search/caseFoldJump'

export { AuditFilterSchema, type AuditFilter }

export type Jump = { kind: 'bytes'; needle: Buffer } | ({ kind: 'folded' } & CaseFoldJump)

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

function looseEntry(text: string): AuditEntry | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditEntry) : undefined
  } catch {
    return undefined
  }
}

/**
 * A case-insensitive pattern every line matching `text` contains: the longest run of the JSON-escaped
 * text that is plain ASCII and not `=` (detail is searched as key=value but stored as "key":value).
 */
function textPattern(text: string): ({ kind: 'folded' } & CaseFoldJump) | undefined {
  const escaped = JSON.stringify(text).slice(1, -1)
  const runs = escaped.split(/[^\x20-\x7e]+|=/).filter((r) => r.length >= 2)
  const longest = runs.sort((a, b) => b.length - a.length)[0]
  if (!longest) return undefined
  return { kind: 'folded', ...caseFoldJump(longest) }
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

  const textJump = text ? textPattern(text) : undefined
  const actionJump = action ? textPattern(action) : undefined
  const actionBytes = action ? actionQueryBytes(action) : undefined

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
      const quote = actionBytes ? stringValueStart(buf, start, end, 'action') : -1
      const byBytes = quote >= 0 && actionBytes ? actionMatchesAt(buf, quote, end, actionBytes) : undefined
      if (byBytes === false) return false
      if (byBytes === undefined) {
        const value = fieldText(buf, start, end, 'action')
        if (value === undefined || !actionMatches(value, action)) return false
      }
    }
    if (text) {
      // Every match holds the text's longest plain run somewhere in its bytes: most lines stop here.
      if (textJump && !holdsLiteral(buf, start, end, textJump.literal)) return false
      // Parsed without the schema check: like the byte-level tests above, a search matches on what
      // a line holds; pages still leave out lines that are not well-formed entries.
      const entry = looseEntry(buf.toString('utf8', start, end))
      if (!entry || !searchableText(entry).includes(text)) return false
    }
    return true
  }

  // The longer literal is likely the rarer one: fewer candidate lines to test.
  let jump: Jump | undefined
  const literal = [textJump, actionJump].filter((j) => j !== undefined).sort((a, b) => b.literal.length - a.literal.length)[0]
  if (literal) jump = literal
  else if (exact.length > 0) jump = { kind: 'bytes', needle: Buffer.concat([Buffer.from(`,"${exact[0][0]}":`), exact[0][1]]) }
  else if (outcomes.length === 1) jump = { kind: 'bytes', needle: Buffer.concat([Buffer.from(',"outcome":'), outcomes[0]]) }
  return { key, isEmpty, jump, test }
}
