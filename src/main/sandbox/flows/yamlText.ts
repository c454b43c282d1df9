/**
 * A small YAML writer for the export files (JSON-shaped values only): block style as Archy writes it,
 * strings left plain when YAML would read them back as the same string, else double-quoted (JSON's
 * escapes are YAML's).
 */
export function yamlText(value: unknown): string {
  return `${block(value, 0).join('\n')}\n`
}

function block(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent)
  if (Array.isArray(value) && value.length > 0) {
    return value.flatMap((item) => {
      if (!isNested(item)) return [`${pad}- ${scalar(item)}`]
      const [first, ...rest] = block(item, indent + 2)
      return [`${pad}- ${first.trimStart()}`, ...rest]
    })
  }
  if (isRecord(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([name, item]) =>
      isNested(item) ? [`${pad}${key(name)}:`, ...block(item, indent + 2)] : [`${pad}${key(name)}: ${scalar(item)}`],
    )
  }
  return [`${pad}${scalar(value)}`]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNested(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (isRecord(value) && Object.keys(value).length > 0)
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) ? name : JSON.stringify(name)
}

/** Words YAML reads as something other than a string. */
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return '[]'
  if (typeof value === 'object') return '{}'
  const text = String(value)
  const plain =
    /^(\.\/)?[A-Za-z][A-Za-z0-9 _.,'()/?![\]-]*$/.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !/: |\s#/.test(text)
  return plain ? text : JSON.stringify(text)
}
