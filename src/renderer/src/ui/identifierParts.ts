/**
 * An identifier (key, action name, file name, path, id) cut after each dot, underscore, hyphen, slash or colon.
 * Rendered with a <wbr> between the parts, a long identifier wraps between its parts, never inside a word.
 */
export function identifierParts(text: string): string[] {
  return text.match(/[^._\-/:]*[._\-/:]+|[^._\-/:]+$/g) ?? [text]
}
