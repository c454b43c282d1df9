/**
 * Finding a case-insensitive ASCII literal in raw bytes with the engine's native byte search instead
 * of a regular expression over a decoded string (which costs a string per chunk and most of a
 * search's time). The literal is found through one two-byte anchor inside it, searched in each of its
 * case variants (at most four), and every hit is checked against the whole literal, ignoring case.
 * The anchor is the pair with the fewest variants and the rarest letters.
 */
const LOWER = new Uint8Array(256).map((_, i) => (i >= 65 && i <= 90 ? i + 32 : i))
/** Letters by how often they occur in English-like text, most frequent first. */
const COMMON = 'etaoinsrhldcumfpgwybvkxjqz'

export interface CaseFoldJump {
  /** The anchor in each case variant. */
  needles: Buffer[]
  /** The whole literal in lower case, and where the anchor sits in it. */
  literal: Buffer
  anchorAt: number
}

const isLetter = (c: number) => LOWER[c] >= 97 && LOWER[c] <= 122

function variants(pair: Buffer): Buffer[] {
  const firsts = isLetter(pair[0]) ? [pair[0], pair[0] - 32] : [pair[0]]
  const seconds = isLetter(pair[1]) ? [pair[1], pair[1] - 32] : [pair[1]]
  return firsts.flatMap((a) => seconds.map((b) => Buffer.from([a, b])))
}

function commonness(c: number): number {
  return isLetter(c) ? 26 - COMMON.indexOf(String.fromCharCode(c)) : 0
}

/** For a literal of two or more printable ASCII characters. */
export function caseFoldJump(text: string): CaseFoldJump {
  const literal = Buffer.from(text.toLowerCase(), 'latin1')
  let best = 0
  let bestScore = Infinity
  for (let i = 0; i + 1 < literal.length; i++) {
    const score = variants(literal.subarray(i, i + 2)).length * 100 + commonness(literal[i]) + commonness(literal[i + 1])
    if (score < bestScore) {
      best = i
      bestScore = score
    }
  }
  return { needles: variants(literal.subarray(best, best + 2)), literal, anchorAt: best }
}

/** True when the literal, ignoring ASCII case, starts at `at` in buf (before `limit`). */
export function literalAt(buf: Buffer, at: number, limit: number, literal: Buffer): boolean {
  if (at < 0 || at + literal.length > limit) return false
  for (let i = 0; i < literal.length; i++) if (LOWER[buf[at + i]] !== literal[i]) return false
  return true
}

/** True when the line [start, end) holds the literal anywhere, ignoring ASCII case. */
export function holdsLiteral(buf: Buffer, start: number, end: number, literal: Buffer): boolean {
  const first = literal[0]
  const last = end - literal.length
  for (let i = start; i <= last; i++) {
    if (LOWER[buf[i]] === first && literalAt(buf, i, end, literal)) return true
  }
  return false
}
