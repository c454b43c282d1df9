/**
 * Tests top-level fields straight on a line's bytes (for filters), relying on the canonical key order
 * of auditLine.ts. Inside a JSON string every quote is escaped, so the first `,"org":"` in a line can only
 * be the top-level key: profile, org, action, target and outcome are always present and come before
 * any detail object. Optional keys (latencyMs, correlationId) are only trusted before `,"detail":{`.
 */
const TIME_KEY = Buffer.from(',"time":"')
export const TIME_LENGTH = 24 // toISOString(): 2025-01-01T09:00:00.000Z
const DETAIL_KEY = Buffer.from(',"detail":{')

export type StringField = 'profile' | 'org' | 'action' | 'target' | 'outcome' | 'correlationId'
const REQUIRED = new Set<StringField>(['profile', 'org', 'action', 'target', 'outcome'])

const keyCache = new Map<string, Buffer>()
function keyBytes(key: string, opener: string): Buffer {
  const k = key + opener
  let bytes = keyCache.get(k)
  if (!bytes) {
    bytes = Buffer.from(`,"${key}":${opener}`)
    keyCache.set(k, bytes)
  }
  return bytes
}

/** Index of the time's first character, or -1. */
export function timeStart(buf: Buffer, start: number, end: number): number {
  const at = buf.indexOf(TIME_KEY, start)
  if (at < 0 || at > start + 24) return -1 // right after {"seq":N
  const t = at + TIME_KEY.length
  return t + TIME_LENGTH < end ? t : -1
}

/** Where the value of a top-level key starts (just past `,"key":`), or -1 when absent. */
function valueStart(buf: Buffer, start: number, end: number, key: string, opener: string, required: boolean): number {
  const needle = keyBytes(key, opener)
  if (required) {
    const at = buf.indexOf(needle, start)
    return at < 0 || at >= end ? -1 : at + needle.length - opener.length
  }
  // An optional key may be missing: search this line only, and only before the detail object.
  const line = buf.subarray(start, end)
  const at = line.indexOf(needle)
  if (at < 0) return -1
  const detail = line.indexOf(DETAIL_KEY)
  if (detail >= 0 && detail < at) return -1
  return start + at + needle.length - opener.length
}

/**
 * True when the top-level string field equals the value whose JSON encoding (quotes included) is
 * `encoded`: the bytes must match and be followed by `,` or `}`.
 */
export function fieldEquals(buf: Buffer, start: number, end: number, field: StringField, encoded: Buffer): boolean {
  const v = valueStart(buf, start, end, field, '"', REQUIRED.has(field))
  if (v < 0 || v + encoded.length >= end) return false
  if (buf.compare(encoded, 0, encoded.length, v, v + encoded.length) !== 0) return false
  const after = buf[v + encoded.length]
  return after === 44 || after === 125
}

/** Where a top-level string field's opening quote is, or -1 when absent. */
export function stringValueStart(buf: Buffer, start: number, end: number, field: StringField): number {
  return valueStart(buf, start, end, field, '"', REQUIRED.has(field))
}

/** The decoded value of a required top-level string field, or undefined when the line is not an entry. */
export function fieldText(buf: Buffer, start: number, end: number, field: StringField): string | undefined {
  const v = valueStart(buf, start, end, field, '"', REQUIRED.has(field))
  if (v < 0) return undefined
  // Inside a JSON string every quote is escaped, so the first quote not after a backslash ends it.
  for (let i = v + 1; i < end; i++) {
    if (buf[i] === 92 /* \ */) i += 1
    else if (buf[i] === 34 /* " */) {
      try {
        return JSON.parse(buf.toString('utf8', v, i + 1)) as string
      } catch {
        return undefined
      }
    }
  }
  return undefined
}
