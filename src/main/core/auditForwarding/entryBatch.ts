/**
 * One batch of entries being read for forwarding: takes the lines after a seq, in seq order, up to the
 * size limits, whether they come from a live segment or an archived one.
 */
import { AuditOutcomeSchema, hashLine } from '../audit/auditLine'
import type { AuditOutcome } from '../../../shared/contract/audit'
import type { ForwardEntry } from './forwardEntry'

export interface BatchLimits {
  maxEntries: number
  maxBytes: number
}

export class EntryBatch {
  readonly entries: ForwardEntry[] = []
  full = false
  private bytes = 0
  /** The highest seq read (or skipped) so far: a line at or below it is not taken again. */
  private seen: number

  constructor(
    afterSeq: number,
    private readonly limits: BatchLimits,
  ) {
    this.seen = afterSeq
  }

  /** The seq the batch needs next. */
  get nextSeq(): number {
    return this.seen + 1
  }

  /** Entries up to `seq` exist nowhere: the batch goes on after them. */
  skipTo(seq: number): void {
    if (seq > this.seen) this.seen = seq
  }

  /** Offers one line (its seq read by the caller); false once the batch is full (the line was taken). */
  take(buf: Buffer, from: number, to: number, seq: number | undefined): boolean {
    if (seq === undefined || seq <= this.seen) return true
    this.seen = seq
    const line = buf.toString('utf8', from, to)
    const parsed = parseEntry(line)
    if (!parsed) return true
    this.entries.push({ ...parsed, hash: hashLine(line) })
    this.bytes += to - from
    this.full = this.entries.length >= this.limits.maxEntries || this.bytes >= this.limits.maxBytes
    return !this.full
  }
}

const OUTCOMES: ReadonlySet<string> = new Set(AuditOutcomeSchema.options)

/** The fields senders need, checked by hand: this runs per entry on the way out and must stay cheap. */
function parseEntry(line: string): Omit<ForwardEntry, 'hash'> | undefined {
  let raw: { seq?: unknown; time?: unknown; action?: unknown; outcome?: unknown }
  try {
    raw = JSON.parse(line) as typeof raw
  } catch {
    return undefined
  }
  const { seq, time, action, outcome } = raw ?? {}
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined
  if (typeof time !== 'string' || typeof action !== 'string' || typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined
  return { seq, line, time, action, outcome: outcome as AuditOutcome }
}
