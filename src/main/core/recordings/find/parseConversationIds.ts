/**
 * Conversation ids pasted or imported: one a line, or a CSV whose header names the column (conversationId,
 * "Conversation ID", ...). Junk lines are reported (the first 100), duplicates counted; nothing is sent.
 */
import { parse } from 'csv-parse/sync'
import { MAX_FIND_IDS, type ParsedConversationIds } from '../../../../shared/contract/recordings'
import { AppError } from '../../../../shared/errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const INVALID_LISTED = 100
const VALUE_SHOWN = 120
const DELIMITERS = [',', ';', '\t'] as const
/** Header names (lower case, letters and digits only) that hold conversation ids, best first. */
const ID_HEADERS = ['conversationid', 'conversation', 'interactionid', 'conversationuuid', 'id']

interface Cell {
  line: number
  value: string
}

export function parseConversationIds(text: string): ParsedConversationIds {
  const content = text.replace(/^\uFEFF/, '')
  const firstLine = content.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  const delimiter = DELIMITERS.find((d) => firstLine.includes(d))
  if (delimiter) return fromCsv(content, delimiter)
  const cells = content.split(/\r?\n/).flatMap((raw, index) => {
    const value = raw.trim().replace(/^["']|["']$/g, '')
    return value === '' ? [] : [{ line: index + 1, value }]
  })
  // A one-column CSV: its header names the ids.
  const header = cells[0] && idColumnByName([cells[0].value]) === 0 ? cells[0].value : undefined
  return header === undefined ? collect(cells, 'lines') : collect(cells.slice(1), 'csv', header)
}

function fromCsv(content: string, delimiter: string): ParsedConversationIds {
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parse(content, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    throw new AppError({
      code: 'invalid_input',
      message: `The text could not be read as CSV${lineOf(error)}.`,
      hint: 'Paste one conversation id a line, or a CSV with a header row naming the conversation id column.',
    })
  }
  if (rows.length === 0) return collect([], 'csv')
  const header = rows[0].record
  const named = idColumnByName(header)
  if (named !== undefined) {
    return collect(
      rows.slice(1).map((row) => ({ line: row.info.lines, value: row.record[named] ?? '' })),
      'csv',
      header[named],
    )
  }
  // No header naming the ids: a column of ids, with or without a header row.
  const column = idColumnByContent(rows.map((row) => row.record))
  if (column === undefined) {
    throw new AppError({
      code: 'invalid_input',
      message: `No column of this CSV holds conversation ids (columns: ${header.slice(0, 10).join(', ') || 'none'}).`,
      hint: 'Name the column that holds the ids conversationId, or paste the ids one a line.',
    })
  }
  const hasHeader = !UUID.test(header[column] ?? '')
  return collect(
    rows.slice(hasHeader ? 1 : 0).map((row) => ({ line: row.info.lines, value: row.record[column] ?? '' })),
    'csv',
    hasHeader ? header[column] : undefined,
  )
}

function idColumnByName(header: string[]): number | undefined {
  const normalized = header.map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, ''))
  for (const wanted of ID_HEADERS) {
    const index = normalized.indexOf(wanted)
    if (index !== -1) return index
  }
  return undefined
}

/** The column where most of the first rows hold a UUID. */
function idColumnByContent(records: string[][]): number | undefined {
  const sample = records.slice(0, 200)
  const width = Math.max(0, ...sample.map((r) => r.length))
  let best: { column: number; hits: number } | undefined
  for (let column = 0; column < width; column++) {
    const hits = sample.filter((record) => UUID.test(record[column] ?? '')).length
    if (hits > 0 && (!best || hits > best.hits)) best = { column, hits }
  }
  return best?.column
}

function collect(cells: Cell[], format: 'lines' | 'csv', column?: string): ParsedConversationIds {
  const seen = new Set<string>()
  const invalid: ParsedConversationIds['invalid'] = []
  let invalidCount = 0
  let duplicates = 0
  for (const cell of cells) {
    const value = cell.value.trim()
    if (!UUID.test(value)) {
      if (value === '') continue
      invalidCount++
      if (invalid.length < INVALID_LISTED) invalid.push({ line: cell.line, value: shorten(value) })
      continue
    }
    const id = value.toLowerCase()
    if (seen.has(id)) duplicates++
    else seen.add(id)
  }
  if (seen.size > MAX_FIND_IDS) {
    throw new AppError({
      code: 'invalid_input',
      message: `The text holds ${seen.size.toLocaleString('en')} conversation ids; one find takes at most ${MAX_FIND_IDS.toLocaleString('en')}.`,
      hint: 'Split the list and find each part on its own, or hand this volume to Genesys as a recording bulk job.',
    })
  }
  return { conversationIds: [...seen], format, ...(column !== undefined ? { column } : {}), invalid, invalidCount, duplicates }
}

function shorten(value: string): string {
  return value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN - 1)}…` : value
}

function lineOf(error: unknown): string {
  const line = (error as { lines?: unknown }).lines
  return typeof line === 'number' ? ` (stopped at line ${line})` : ''
}
