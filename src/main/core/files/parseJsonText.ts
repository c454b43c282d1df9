/** The outcome of reading text as JSON. A failure carries no reason: see parseJsonText. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false }

/**
 * JSON.parse that never lets the parser's message out. V8's SyntaxError quotes the text it stopped at
 * (`Unexpected token 'J', "Jane Doe, 1"... is not valid JSON`), and the files we read (schema proposals,
 * privacy exports, settings) may hold personal data, so callers say "not JSON" and name the file instead.
 */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}
