import { stringify } from 'csv-stringify/sync'
import { defuseFormula } from '../files/csvFormula'

/** One table found in a result: an array of objects, named by where it sits ("interactions", "records.notes"). */
export interface TabularPart {
  name: string
  rows: Record<string, unknown>[]
}

/** How deep into a result tables are looked for, and nested objects in a row are flattened. */
const MAX_DEPTH = 3

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The parts of a JSON result that make sense as CSV: arrays whose items are all objects. The rest
 * (the subject, single records) stays in the JSON file, which is always kept as it came.
 */
export function tabularParts(json: unknown, name = '', depth = 0): TabularPart[] {
  if (Array.isArray(json)) {
    return json.length > 0 && json.every(isPlainObject) ? [{ name: name || 'rows', rows: json }] : []
  }
  if (!isPlainObject(json) || depth >= MAX_DEPTH) return []
  return Object.entries(json).flatMap(([key, value]) => tabularParts(value, name ? `${name}.${key}` : key, depth + 1))
}

/** CSV text with a header of every column seen (nested objects flattened to "participant.name"). */
export function partToCsv(part: TabularPart): string {
  const flat = part.rows.map((row) => flatten(row))
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))]
  return stringify(
    flat.map((row) => columns.map((c) => row[c] ?? '')),
    { header: true, columns, bom: true },
  )
}

function flatten(value: Record<string, unknown>, prefix = '', depth = 0, out: Record<string, string> = {}): Record<string, string> {
  for (const [key, item] of Object.entries(value)) {
    const column = prefix ? `${prefix}.${key}` : key
    if (isPlainObject(item) && depth < MAX_DEPTH) flatten(item, column, depth + 1, out)
    else out[column] = cell(item)
  }
  return out
}

/** Text cells follow the formula rule (files/csvFormula.ts); numbers and booleans are values, not text. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return defuseFormula(typeof value === 'string' ? value : JSON.stringify(value))
}
