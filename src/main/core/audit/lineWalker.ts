/**
 * Reads all fields of a canonical audit line (see auditLine.ts) in one pass over its bytes: the keys
 * come in a fixed order, so each field starts where the previous one ended. For bulk work (CSV export
 * and metrics over a million lines) this is several times faster than JSON.parse or a search per
 * field. Lines that do not follow the canonical form are reported as not walkable.
 */
export interface WalkedLine {
  seq: number
  time: string
  profile: string
  org: string
  action: string
  target: string
  outcome: string
  latencyMs: number | undefined
  correlationId: string | undefined
  /** The detail object's JSON text, exactly as stored; undefined when absent (or not decoded). */
  detailJson: string | undefined
  /** Where the detail object's text lies in the buffer ([-1, -1] when absent). */
  detailStart: number
  detailEnd: number
  prev: string
}

export function emptyWalkedLine(): WalkedLine {
  return {
    seq: 0,
    time: '',
    profile: '',
    org: '',
    action: '',
    target: '',
    outcome: '',
    latencyMs: undefined,
    correlationId: undefined,
    detailJson: undefined,
    detailStart: -1,
    detailEnd: -1,
    prev: '',
  }
}

const lit = (s: string) => Buffer.from(s)
const SEQ = lit('{"seq":')
const TIME = lit(',"time":"')
const PROFILE = lit('","profile":"')
const ORG = lit(',"org":"')
const ACTION = lit(',"action":"')
const TARGET = lit(',"target":"')
const OUTCOME = lit(',"outcome":"')
const LATENCY = lit(',"latencyMs":')
const CORRELATION = lit(',"correlationId":"')
const DETAIL = lit(',"detail":')
const PREV = lit(',"prev":"')
const PREV_TAIL = PREV.length + 64 + 2 // ,"prev":"<hex>"}
const TIME_LENGTH = 24

class Cursor {
  pos = 0
  buf: Buffer = Buffer.alloc(0)

  /** Consumes the literal when it is next. */
  take(literal: Buffer): boolean {
    const { buf } = this
    const p = this.pos
    for (let i = 0; i < literal.length; i++) if (buf[p + i] !== literal[i]) return false
    this.pos = p + literal.length
    return true
  }

  /** Skips a JSON string body after its opening quote (and the closing quote); false if unterminated. */
  skipString(end: number): boolean {
    const { buf } = this
    let i = this.pos
    for (; i < end; i++) {
      const c = buf[i]
      if (c === 34) break
      if (c === 92) i++
    }
    this.pos = i + 1
    return i < end
  }

  /** A JSON string body after its opening quote; consumes the closing quote. */
  string(end: number): string | undefined {
    const { buf } = this
    const from = this.pos
    let escaped = false
    let i = from
    for (; i < end; i++) {
      const c = buf[i]
      if (c === 34) break
      if (c === 92) {
        escaped = true
        i++
      }
    }
    if (i >= end) return undefined
    this.pos = i + 1
    if (!escaped) return buf.toString('utf8', from, i)
    return JSON.parse(buf.toString('utf8', from - 1, i + 1)) as string
  }

  number(end: number): number | undefined {
    const { buf } = this
    const from = this.pos
    let i = from
    while (i < end && buf[i] !== 44 && buf[i] !== 125) i++
    this.pos = i
    const n = Number(buf.toString('latin1', from, i))
    return Number.isFinite(n) && i > from ? n : undefined
  }
}

const cursor = new Cursor()

/**
 * Fills `out` from the line [start, end); false when the line is not in canonical form.
 * `lite` leaves target, correlationId and detailJson undecoded (detailStart/End still set).
 */
export function walkLine(buf: Buffer, start: number, end: number, out: WalkedLine, lite = false): boolean {
  const prevKey = end - PREV_TAIL
  if (prevKey <= start) return false
  const c = cursor
  c.buf = buf
  c.pos = start
  if (!c.take(SEQ)) return false
  const seq = c.number(end)
  if (seq === undefined || !c.take(TIME)) return false
  out.seq = seq
  out.time = buf.toString('latin1', c.pos, c.pos + TIME_LENGTH)
  c.pos += TIME_LENGTH
  if (!c.take(PROFILE)) return false
  const profile = c.string(prevKey)
  if (profile === undefined || !c.take(ORG)) return false
  const org = c.string(prevKey)
  if (org === undefined || !c.take(ACTION)) return false
  const action = c.string(prevKey)
  if (action === undefined || !c.take(TARGET)) return false
  const target = lite ? (c.skipString(prevKey) ? '' : undefined) : c.string(prevKey)
  if (target === undefined || !c.take(OUTCOME)) return false
  const outcome = c.string(prevKey)
  if (outcome === undefined) return false
  out.profile = profile
  out.org = org
  out.action = action
  out.target = target
  out.outcome = outcome
  out.latencyMs = c.take(LATENCY) ? c.number(prevKey) : undefined
  out.correlationId = undefined
  if (c.take(CORRELATION)) {
    if (lite) {
      if (!c.skipString(prevKey)) return false
    } else out.correlationId = c.string(prevKey)
  }
  out.detailJson = undefined
  out.detailStart = out.detailEnd = -1
  if (c.take(DETAIL)) {
    out.detailStart = c.pos
    out.detailEnd = prevKey
    if (!lite) out.detailJson = buf.toString('utf8', c.pos, prevKey)
  } else if (c.pos !== prevKey) return false
  c.pos = prevKey
  if (!c.take(PREV)) return false
  out.prev = buf.toString('latin1', c.pos, c.pos + 64)
  return true
}
