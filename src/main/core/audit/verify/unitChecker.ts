/**
 * Checks the links inside one unit of the chain (see verifyProtocol.ts): every line well formed, each
 * one's seq and prev following the line before, and its hash matching any recorded checkpoint. It
 * stops at the first doubt and does not explain it: the sequential verifier does, from the start.
 */
import { hash } from 'node:crypto'
import { hexAt, prevAt, seqOf } from './lineEnds'
import type { UnitSummary } from './verifyProtocol'

export class UnitChecker {
  private readonly summary: UnitSummary = { lines: 0, firstSeq: 0, firstPrev: '', lastSeq: 0, lastHash: '' }

  /** No parameter property: this file runs with Node's type stripping from the sources (runTypeScriptWorker.mjs). */
  private readonly checkpoints: ReadonlyMap<number, string>

  constructor(checkpoints: ReadonlyMap<number, string>) {
    this.checkpoints = checkpoints
  }

  /**
   * Feeds one line (newline excluded); false once in doubt (stop reading). A million lines go through
   * here per verify, so it makes no string but the hash and no Buffer per line: prev is compared on the
   * bytes, and the line is hashed through a plain view of the same memory.
   */
  readonly line = (buf: Buffer, start: number, end: number): boolean => {
    const seq = seqOf(buf, start, end)
    const hexStart = seq < 0 ? -1 : prevAt(buf, end)
    if (hexStart < 0) return this.doubt(`a line that is not a well-formed entry after seq ${this.summary.lastSeq}`)
    const s = this.summary
    if (s.lines === 0) {
      s.firstSeq = seq
      s.firstPrev = buf.toString('latin1', hexStart, hexStart + 64)
    } else if (seq !== s.lastSeq + 1 || !hexAt(buf, hexStart, s.lastHash)) {
      return this.doubt(`seq ${seq} does not follow seq ${s.lastSeq}`)
    }
    const lineHash = hash('sha256', new Uint8Array(buf.buffer, buf.byteOffset + start, end - start), 'hex')
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
