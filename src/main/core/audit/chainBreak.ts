/**
 * Names the first bad line once the chain check has found an anomaly, from the lines around it.
 * Pure: the verifier hands it what it saw.
 */
export interface SeenLine {
  file: string
  line: number
  seq: number
  /** SHA-256 of this line. */
  hash: string
  /** The `prev` this line records. */
  prev: string
}

export interface FirstBad {
  file: string
  line: number
  seq?: number
  reason: string
}

export interface ChainBreakContext {
  /** The two last good lines before the anomaly (oldest first); fewer at the start of the log. */
  before: SeenLine[]
  /** The line where seq or prev did not match. */
  at: SeenLine
  expectedSeq: number
  expectedPrev: string
  /** Well-formed lines after `at`, in file order (a bounded look-ahead). */
  after: SeenLine[]
}

function where(l: { file: string; line: number }): string {
  return `line ${l.line} of ${l.file}`
}

export function describeChainBreak(ctx: ChainBreakContext): FirstBad {
  const { at, expectedSeq, after } = ctx
  const previous = ctx.before.at(-1)
  const beforePrevious = ctx.before.at(-2)
  const next = after[0]
  const bad = (l: SeenLine, reason: string): FirstBad => ({ file: l.file, line: l.line, seq: l.seq, reason })

  if (at.seq === expectedSeq) {
    const atIntact = next === undefined || next.prev === at.hash
    if (!previous) {
      return bad(
        at,
        `${where(at)} (seq ${at.seq}) does not link to the start of the log: it was changed, or the entries before it were removed or replaced.`,
      )
    }
    if (atIntact) {
      return bad(previous, `${where(previous)} (seq ${previous.seq}) was changed: ${where(at)} recorded a different hash for it.`)
    }
    return bad(
      at,
      `${where(at)} (seq ${at.seq}) was changed: it no longer links to the line before it, and the line after it no longer links to it.`,
    )
  }

  if (at.prev === ctx.expectedPrev) {
    return bad(at, `${where(at)} was changed: it links to the line before it but carries seq ${at.seq} instead of ${expectedSeq}.`)
  }

  if (at.seq > expectedSeq) {
    const missing = after.find((l) => l.seq === expectedSeq)
    if (missing) {
      return bad(
        at,
        `${where(at)} (seq ${at.seq}) is out of order: seq ${expectedSeq} should come first but is at ${where(missing)}. Lines were reordered.`,
      )
    }
    const range = at.seq - 1 === expectedSeq ? `seq ${expectedSeq} is` : `seq ${expectedSeq} to ${at.seq - 1} are`
    return bad(at, `Entries are missing before ${where(at)} (seq ${at.seq}): ${range} not in the log. Lines were removed.`)
  }

  if (previous && at.hash === previous.hash) {
    return bad(at, `${where(at)} is a copy of ${where(previous)} (seq ${at.seq}): a line was inserted.`)
  }
  if (previous && beforePrevious && at.seq === previous.seq && at.prev === beforePrevious.hash) {
    return bad(previous, `${where(previous)} (seq ${previous.seq}) was inserted: ${where(at)} carries the same seq and links past it.`)
  }
  if (next && next.seq === expectedSeq && previous && next.prev === previous.hash) {
    return bad(at, `${where(at)} (seq ${at.seq}) was inserted: the lines before and after it link to each other.`)
  }
  return bad(at, `${where(at)} has seq ${at.seq} but seq ${expectedSeq} was expected: a line was inserted here or lines were reordered.`)
}
