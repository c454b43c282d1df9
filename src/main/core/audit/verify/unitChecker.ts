/**
 * Checks the links inside one unit of the chain (see verifyProtocol.ts): every line well formed, each
 * one's seq and prev following the line before, and its hash matching any recorded checkpoint. It
 * stops at the first doubt and does not explain it: the sequential verifier does, from the start.
 */
import { hash } from 'node:crypto'
import { prevAt, seqOf } from './lineEnds'
import type { UnitSummary } from './verifyProtocol'

export class UnitChecker {
  private readonly summary: UnitSummary = { lines: 0, firstSeq: 0, firstPrev: '', lastSeq: 0, lastHash: '' }

  constructor(private readonly checkpoints: ReadonlyMap<number, string>) {}

  /** Feeds one line (newline excluded); false once in doubt (stop reading). */
  readonly line = (buf: Buffer, start: number, end: number): boolean => {
    const seq = seqOf(buf, start, end)
    const hexStart = seq < 0 ? -1 : prevAt(buf, end)
    if (hexStart < 0) return this.doubt(`a line that is not a well-formed entry after seq ${this.summary.lastSeq}`)
    const prev = buf.toString('latin1', hexStart, hexStart + 64)
    const s = this.summary
    if (s.lines === 0) {
      s.firstSeq = seq
      s.firstPrev = prev
    } else if (seq !== s.lastSeq + 1 || prev !== s.lastHash) {
      return this.doubt(`seq ${seq} does not follow seq ${s.lastSeq}`)
    }
    const lineHash = hash('sha256', buf.subarray(start, end), 'hex')
    const recorded = this.checkpoints.get(seq)
    if (recorded !== undefined && recorded !== lineHash) return this.doubt(`seq ${seq} does not match its checkpoint`)
    s.lines += 1
    s.lastSeq = seq
    s.lastHash = lineHash
    return true
  }

  unterminated(offset: number): void {
    this.summary.unterminatedAt = offset
  }

  get inDoubt(): boolean {
    return this.summary.doubt !== undefined
  }

  result(): UnitSummary {
    return this.summary
  }

  private doubt(why: string): false {
    this.summary.doubt ??= why
    return false
  }
}
