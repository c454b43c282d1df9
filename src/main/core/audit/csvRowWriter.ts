/**
 * Turns canonical audit lines into CSV rows byte for byte, into one growing buffer: no string is
 * decoded and re-encoded for the common line. Field values without JSON escapes are copied as they
 * are (quoted when they hold a comma, apostrophe-prefixed when they start like a formula); the detail
 * object is copied with its quotes doubled. A line with an escaped character in a text field, or one
 * not in canonical form, goes through csvRowFromLine instead, so the output is the same either way.
 */
import { isFormulaStarter } from '../files/csvFormula'
import { csvCell, csvRowFromLine } from './csvFormat'

const COMMA = 44
const QUOTE = 34
const BACKSLASH = 92
const APOSTROPHE = 39
const CR = 13
const LF = 10
const TIME_LENGTH = 24
/** Rows are written out in batches of about this size, from one reused buffer. */
const FLUSH_BYTES = 8 * 1024 * 1024
const PREV_TAIL = ',"prev":"'.length + 64 + 2

const lit = (s: string) => Buffer.from(s)
const SEQ = lit('{"seq":')
const TIME = lit(',"time":"')
const STRING_KEYS = [lit('","profile":"'), lit(',"org":"'), lit(',"action":"'), lit(',"target":"'), lit(',"outcome":"')]
const LATENCY = lit(',"latencyMs":')
const CORRELATION = lit(',"correlationId":"')
const DETAIL = lit(',"detail":')

export class CsvRowWriter {
  private out: Buffer = Buffer.allocUnsafe(FLUSH_BYTES + 2 * 1024 * 1024)
  /** The buffer take() handed out before, filled again once it is written (two take turns). */
  private spare: Buffer | undefined
  length = 0
  rows = 0
  /** The archive cell ending each row (with its comma), or a bare comma for live entries. */
  private archiveCell = Buffer.from(',')
  private archive = ''

  fromArchive(archive: string | undefined): void {
    this.archive = archive ?? ''
    this.archiveCell = Buffer.from(',' + csvCell(this.archive))
  }

  /** Appends the row for one line; false when the line is damaged (nothing written). */
  add(buf: Buffer, start: number, end: number): boolean {
    this.reserve((end - start) * 2 + 64 + this.archiveCell.length)
    const mark = this.length
    if (this.copyLine(buf, start, end)) {
      this.rows += 1
      return true
    }
    this.length = mark
    const row = csvRowFromLine(buf, start, end, this.archive)
    if (row === undefined) return false
    this.reserve(Buffer.byteLength(row))
    this.length += this.out.write(row, this.length)
    this.rows += 1
    return true
  }

  /** Enough rows for one large write. */
  ready(): boolean {
    return this.length >= FLUSH_BYTES
  }

  /**
   * The rows so far. Two buffers take turns: the rows taken are not overwritten by the next add()s,
   * only by those after the next take(), so write them out before taking again.
   */
  take(): Buffer {
    const rows = this.out.subarray(0, this.length)
    const next = this.spare ?? Buffer.allocUnsafe(this.out.length)
    this.spare = this.out
    this.out = next
    this.length = 0
    return rows
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + bytes))
    this.out.copy(bigger, 0, 0, this.length)
    this.out = bigger
  }

  private p = 0

  private expect(buf: Buffer, literal: Buffer): boolean {
    const p = this.p
    for (let i = 0; i < literal.length; i++) if (buf[p + i] !== literal[i]) return false
    this.p = p + literal.length
    return true
  }

  private copyLine(buf: Buffer, start: number, end: number): boolean {
    const prevKey = end - PREV_TAIL
    this.p = start
    if (!this.expect(buf, SEQ)) return false
    const seqStart = this.p
    while (this.p < prevKey && buf[this.p] >= 48 && buf[this.p] <= 57) this.p++
    if (this.p === seqStart) return false
    this.copy(buf, seqStart, this.p)
    if (!this.expect(buf, TIME)) return false
    this.byte(COMMA)
    this.copy(buf, this.p, this.p + TIME_LENGTH)
    this.p += TIME_LENGTH
    for (const key of STRING_KEYS) {
      if (!this.expect(buf, key)) return false
      this.byte(COMMA)
      this.p = this.copyString(buf, this.p, prevKey)
      if (this.p < 0) return false
    }
    this.byte(COMMA)
    if (this.expect(buf, LATENCY)) {
      const from = this.p
      while (this.p < prevKey && buf[this.p] !== COMMA) this.p++
      this.copy(buf, from, this.p)
    }
    this.byte(COMMA)
    if (this.expect(buf, CORRELATION)) {
      this.p = this.copyString(buf, this.p, prevKey)
      if (this.p < 0) return false
    }
    this.byte(COMMA)
    if (this.expect(buf, DETAIL)) {
      this.copyQuoted(buf, this.p, prevKey)
      this.p = prevKey
    }
    if (this.p !== prevKey) return false
    this.byte(COMMA)
    this.copy(buf, end - 66, end - 2)
    this.copy(this.archiveCell, 0, this.archiveCell.length)
    this.byte(CR)
    this.byte(LF)
    return true
  }

  /**
   * Copies a JSON string body starting at `from` as it scans it (one pass); returns the index past its
   * closing quote, or -1. A value that needs quotes or an apostrophe (rare) is moved up to make room.
   */
  private copyString(buf: Buffer, from: number, limit: number): number {
    const out = this.out
    const o0 = this.length
    let o = o0
    let hasComma = false
    let i = from
    for (; i < limit; i++) {
      const c = buf[i]
      if (c === QUOTE) break
      if (c === BACKSLASH) return -1 // escaped text: the string path handles it
      if (c === COMMA) hasComma = true
      out[o++] = c
    }
    if (i >= limit) return -1
    const formula = i > from && isFormulaStarter(buf[from])
    if (hasComma || formula) {
      const lead = (hasComma ? 1 : 0) + (formula ? 1 : 0)
      out.copyWithin(o0 + lead, o0, o)
      if (hasComma) out[o0] = QUOTE
      if (formula) out[o0 + lead - 1] = APOSTROPHE
      o += lead
      if (hasComma) out[o++] = QUOTE
    }
    this.length = o
    return i + 1
  }

  /** Copies text as one quoted CSV field, doubling its quotes. */
  private copyQuoted(buf: Buffer, from: number, to: number): void {
    const out = this.out
    let o = this.length
    out[o++] = QUOTE
    for (let i = from; i < to; i++) {
      const c = buf[i]
      out[o++] = c
      if (c === QUOTE) out[o++] = QUOTE
    }
    out[o++] = QUOTE
    this.length = o
  }

  private copy(buf: Buffer, from: number, to: number): void {
    // Short runs copy faster in a loop than through a native call.
    if (to - from > 64) {
      buf.copy(this.out, this.length, from, to)
      this.length += to - from
      return
    }
    const out = this.out
    let o = this.length
    for (let i = from; i < to; i++) out[o++] = buf[i]
    this.length = o
  }

  private byte(b: number): void {
    this.out[this.length++] = b
  }
}
