/**
 * The action rule of actionMatch.ts (the query starts the action or one of its dot/underscore words,
 * ignoring case) checked on the line's bytes, without decoding the value: most actions are plain
 * ASCII. Anything else (escapes, non-ASCII) is left to the decoding path.
 */
import { literalAt } from './caseFoldJump'

const QUOTE = 34
const BACKSLASH = 92
const DOT = 46
const UNDERSCORE = 95

/** The query as bytes when the byte path can judge it (plain ASCII without quote or backslash). */
export function actionQueryBytes(query: string): Buffer | undefined {
  return /^[\x20-\x7e]+$/.test(query) && !/["\\]/.test(query) ? Buffer.from(query, 'latin1') : undefined
}

/** For the string value whose opening quote is at `quote`: true/false, or undefined when it must be decoded. */
export function actionMatchesAt(buf: Buffer, quote: number, end: number, query: Buffer): boolean | undefined {
  let wordStart = true
  for (let i = quote + 1; i < end; i++) {
    const c = buf[i]
    if (c === QUOTE) return false
    if (c === BACKSLASH || c >= 128) return undefined
    if (wordStart && literalAt(buf, i, end, query)) return true
    wordStart = c === DOT || c === UNDERSCORE
  }
  return undefined
}
