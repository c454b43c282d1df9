/**
 * The two fields of an audit line the chain runs through, read from its bytes: `seq` at the start and
 * the place of `prev` at the end (format: auditLine.ts). Kept apart from auditLine.ts so a verify
 * worker loads no schema code. Lighter than the checks there: the 64 hex digits are not validated one
 * by one, because the checker compares them with a real hash (or the stitch with the chain's start),
 * and anything that is not hex never equals one.
 */
const SEQ_PREFIX = Buffer.from('{"seq":')
const PREV_HEAD = Buffer.from(',"prev":"')
/** `,"prev":"` + 64 hex + `"}` */
const PREV_TAIL_LENGTH = PREV_HEAD.length + 64 + 2
const MAX_SEQ_DIGITS = 15

/** `seq` from the line's first bytes; -1 when the line does not start like an entry. */
export function seqOf(buf: Buffer, start: number, end: number): number {
  if (end - start < PREV_TAIL_LENGTH + SEQ_PREFIX.length + 1) return -1
  for (let i = 0; i < SEQ_PREFIX.length; i++) if (buf[start + i] !== SEQ_PREFIX[i]) return -1
  const first = start + SEQ_PREFIX.length
  let value = 0
  let i = first
  for (; i < end; i++) {
    const c = buf[i]
    if (c < 48 || c > 57) break
    value = value * 10 + (c - 48)
  }
  if (i === first || i - first > MAX_SEQ_DIGITS || buf[i] !== 44 /* , */) return -1
  return value
}

/** Where the 64 characters of `prev` start; -1 when the line does not end like an entry. */
export function prevAt(buf: Buffer, end: number): number {
  if (buf[end - 1] !== 125 /* } */ || buf[end - 2] !== 34 /* " */) return -1
  const head = end - PREV_TAIL_LENGTH
  for (let i = 0; i < PREV_HEAD.length; i++) if (buf[head + i] !== PREV_HEAD[i]) return -1
  return head + PREV_HEAD.length
}

/** Whether the 64 bytes at `at` are the characters of `hex` (a hash as crypto gives it). */
export function hexAt(buf: Buffer, at: number, hex: string): boolean {
  if (hex.length !== 64) return false
  for (let i = 0; i < 64; i++) if (buf[at + i] !== hex.charCodeAt(i)) return false
  return true
}
