/**
 * Checks the hash chain line by line as the bytes stream past: each line must carry the next seq and
 * the SHA-256 of the line before it, and must match every recorded checkpoint (the head hashes kept
 * beside the log). Reads seq and prev straight from the bytes (see auditLine.ts), so no line is parsed
 * as JSON; any edit still shows, because it changes the line's hash.
 */
import { hashLine, prevHashStart, readSeq } from './auditLine'
import { describeChainBreak, type FirstBad, type SeenLine } from './chainBreak'

/** How many lines past the first anomaly are read to tell a removal from a reorder or an insert. */
const LOOKAHEAD_LINES = 1000

export interface ChainPoint {
  seq: number
  hash: string
}

export interface ChainVerdict {
  ok: boolean
  /** Lines that passed before the first bad one (all of them when ok). */
  entries: number
  /** Hash of the last good line: the head of the chain. */
  headHash: string
  lastSeq: number
  firstBad?: FirstBad
}

export class ChainVerifier {
  private file = ''
  private lineNo = 0
  private expectedSeq: number
  private expectedPrev: string
  private entries = 0
  private recent: SeenLine[] = []
  private anomaly?: { at: SeenLine; before: SeenLine[]; expectedSeq: number; expectedPrev: string; after: SeenLine[] }
  private firstBad?: FirstBad
  private lookaheadEnded = false
  private fileFirstSeq: number | undefined
  private readonly checkpoints = new Map<number, string>()

  constructor(start: ChainPoint, checkpoints: ChainPoint[] = []) {
    this.expectedSeq = start.seq + 1
    this.expectedPrev = start.hash
    for (const c of checkpoints) if (c.seq > start.seq) this.checkpoints.set(c.seq, c.hash)
  }

  /** False once the verdict is known (stop reading). */
  get wantsMore(): boolean {
    if (this.firstBad !== undefined || this.lookaheadEnded) return false
    return this.anomaly === undefined || this.anomaly.after.length < LOOKAHEAD_LINES
  }

  /** `firstSeq`: the seq the file's name (or the log's state) says its first line carries. */
  beginFile(name: string, firstSeq?: number): void {
    this.file = name
    this.lineNo = 0
    this.fileFirstSeq = firstSeq
  }

  /** Feeds one newline-terminated line; returns false when no more lines are needed. */
  readonly line = (buf: Buffer, start: number, end: number): boolean => {
    this.lineNo += 1
    const seq = readSeq(buf, start, end)
    const hexStart = prevHashStart(buf, start, end)
    if (seq === undefined || hexStart < 0) {
      const what = start === end ? 'is empty' : 'is not a well-formed audit entry'
      this.structuralBreak(`line ${this.lineNo} of ${this.file} ${what}: it was changed or inserted.`)
      return this.wantsMore
    }
    const seen: SeenLine = {
      file: this.file,
      line: this.lineNo,
      seq,
      prev: buf.toString('latin1', hexStart, hexStart + 64),
      hash: hashLine(buf.subarray(start, end)),
    }
    if (this.anomaly) {
      this.anomaly.after.push(seen)
      return this.wantsMore
    }
    if (seq !== this.expectedSeq || seen.prev !== this.expectedPrev) {
      this.anomaly = { at: seen, before: this.recent.slice(), expectedSeq: this.expectedSeq, expectedPrev: this.expectedPrev, after: [] }
      return this.wantsMore
    }
    if (this.lineNo === 1 && this.fileFirstSeq !== undefined && seq !== this.fileFirstSeq) {
      this.firstBad = {
        file: seen.file,
        line: 1,
        seq,
        reason: `line 1 of ${seen.file} has seq ${seq}, but the file should start at seq ${this.fileFirstSeq}: lines were moved between segment files, or the file was renamed.`,
      }
      return false
    }
    const recorded = this.checkpoints.get(seq)
    if (recorded !== undefined && recorded !== seen.hash) {
      this.firstBad = {
        file: seen.file,
        line: seen.line,
        seq,
        reason: `line ${seen.line} of ${seen.file} (seq ${seq}) was changed: it no longer matches the head hash recorded when it was written.`,
      }
      return false
    }
    this.accept(seen)
    return true
  }

  /** Bytes after the last newline of a file: a torn write or a cut. */
  unterminated(): void {
    this.lineNo += 1
    this.structuralBreak(
      `line ${this.lineNo} of ${this.file} is incomplete (no newline at its end): the file was cut short or a write was torn.`,
    )
  }

  verdict(): ChainVerdict {
    const lastSeq = this.expectedSeq - 1
    const base = { entries: this.entries, headHash: this.expectedPrev, lastSeq }
    if (this.firstBad) return { ok: false, ...base, firstBad: this.firstBad }
    if (this.anomaly) return this.anomalyVerdict(base, describeChainBreak(this.anomaly))
    const beyond = [...this.checkpoints.keys()].filter((seq) => seq > lastSeq).sort((a, b) => b - a)[0]
    if (beyond !== undefined) {
      const last = this.recent.at(-1)
      const place = last ? `after line ${last.line} of ${last.file} (seq ${last.seq})` : 'from the start of the log'
      return {
        ok: false,
        ...base,
        firstBad: {
          file: last?.file ?? this.file,
          line: (last?.line ?? 0) + 1,
          seq: lastSeq + 1,
          reason: `Entries are missing ${place}: the log was cut short. Entries up to seq ${beyond} had been written.`,
        },
      }
    }
    return { ok: true, ...base }
  }

  /** When the blamed line is one that had passed, it no longer counts as good. */
  private anomalyVerdict(base: Omit<ChainVerdict, 'ok'>, firstBad: FirstBad): ChainVerdict {
    const blamed = this.anomaly?.before.at(-1)
    if (blamed && blamed.file === firstBad.file && blamed.line === firstBad.line) {
      return { ok: false, ...base, entries: base.entries - 1, headHash: blamed.prev, lastSeq: blamed.seq - 1, firstBad }
    }
    return { ok: false, ...base, firstBad }
  }

  private accept(seen: SeenLine): void {
    this.entries += 1
    this.expectedSeq = seen.seq + 1
    this.expectedPrev = seen.hash
    this.recent.push(seen)
    if (this.recent.length > 2) this.recent.shift()
  }

  private structuralBreak(reason: string): void {
    if (this.anomaly) {
      // The look-ahead ends at a damaged line; classify with what was seen.
      this.lookaheadEnded = true
      return
    }
    this.firstBad = { file: this.file, line: this.lineNo, reason }
  }
}
