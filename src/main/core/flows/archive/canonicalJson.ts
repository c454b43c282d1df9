/**
 * The bytes an archive writes for a JSON document, so the same document always gives the same file and
 * the same SHA-256: the platform's JSON as parsed (Architect sends no number JavaScript cannot hold),
 * written again with every object's keys sorted by UTF-16 code unit (what a plain sort does), two spaces
 * of indent, `": "` after a key, no trailing spaces, and one newline at the end. Array order is kept: it
 * is part of the configuration. The layout is JSON.stringify(value, null, 2)'s; only the key order differs
 * (JavaScript would put integer-like keys first), which is why it is written out here.
 */
export function canonicalJson(value: unknown): string {
  return `${write(value, '')}\n`
}

function write(value: unknown, indent: string): string {
  if (value === null || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const items = value.map((item) => `${inner}${isOmitted(item) ? 'null' : write(item, inner)}`)
    return `[\n${items.join(',\n')}\n${indent}]`
  }
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => !isOmitted((value as Record<string, unknown>)[key]))
      .sort()
      .map((key) => `${inner}${JSON.stringify(key)}: ${write((value as Record<string, unknown>)[key], inner)}`)
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`
  }
  return 'null'
}

/** What JSON leaves out of an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}
