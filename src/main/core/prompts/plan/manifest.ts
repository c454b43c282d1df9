/**
 * The optional CSV manifest dropped with the files: one row per file naming its prompt, language,
 * description and TTS text. Headers are matched loosely ("Prompt name", "prompt", "name"; "TTS text",
 * "tts"); a row that cannot be used is a problem with its row number (the header is row 1), and the file
 * it names is refused rather than planned under a name the admin did not mean.
 */
import { stat, readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { LanguageCode, PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import { checkPromptName } from './nameConvention'

/** Far more than 2,000 rows of names and TTS text need; a bigger file is not a manifest. */
const MAX_MANIFEST_BYTES = 5_000_000

type Column = 'file' | 'prompt' | 'language' | 'description' | 'tts'
/** Header names (lower case, letters and digits only) per column, best first. */
const HEADERS: Record<Column, string[]> = {
  file: ['file', 'filename', 'wav', 'wavfile', 'audiofile', 'path'],
  prompt: ['promptname', 'prompt', 'name'],
  language: ['language', 'languagecode', 'lang', 'locale'],
  description: ['description', 'desc'],
  tts: ['ttstext', 'tts', 'ttsstring', 'text'],
}

export interface ManifestEntry {
  row: number
  promptName: string
  language: string
  description?: string
  ttsText?: string
}

export interface Manifest {
  path: string
  rows: number
  problems: { row: number; reason: string }[]
  /** Usable rows by the file they name (lower case base name). */
  entries: Map<string, ManifestEntry>
  /** Rows that name a file but cannot be used, by that file: the file is refused with the row's reason. */
  badRows: Map<string, { row: number; reason: string }>
}

/** The base name a row's file cell names, as dropped files are matched: lower case, without folders. */
export function fileKey(value: string): string {
  return (value.trim().split(/[\\/]/).pop() ?? '').toLowerCase()
}

export async function readManifest(path: string, defaultLanguage: string, droppedFiles: Set<string>): Promise<Manifest> {
  const manifest: Manifest = { path, rows: 0, problems: [], entries: new Map(), badRows: new Map() }
  const records = await readRecords(path, manifest)
  if (records.length === 0) return manifest
  const columns = columnsOf(records[0].record)
  const missing = (['file', 'prompt'] as const).filter((column) => columns[column] === undefined)
  manifest.rows = records.length - 1
  if (missing.length > 0) {
    manifest.problems.push({
      row: records[0].info.lines,
      reason: `the header row has no ${missing.join(' or ')} column (it has: ${records[0].record.join(', ') || 'nothing'}); the columns are file, prompt name, language, description, TTS text`,
    })
    return manifest
  }
  const firstRowOf = new Map<string, number>()
  for (const { record, info } of records.slice(1)) {
    const row = info.lines
    const cell = (column: Column) => (columns[column] === undefined ? '' : (record[columns[column]] ?? '').trim())
    const file = cell('file')
    if (file === '') {
      manifest.problems.push({ row, reason: 'the file column is empty' })
      continue
    }
    const key = fileKey(file)
    const first = firstRowOf.get(key)
    if (first !== undefined) {
      manifest.problems.push({ row, reason: `${file} is named again (row ${first} already maps it); this row is not used` })
      continue
    }
    firstRowOf.set(key, row)
    if (!droppedFiles.has(key)) {
      manifest.problems.push({ row, reason: `${file} was not dropped with the manifest` })
      continue
    }
    const entry = entryOf(row, cell, defaultLanguage)
    if ('reason' in entry) {
      manifest.problems.push(entry)
      manifest.badRows.set(key, entry)
    } else manifest.entries.set(key, entry)
  }
  return manifest
}

function entryOf(row: number, cell: (column: Column) => string, defaultLanguage: string): ManifestEntry | { row: number; reason: string } {
  const problems: string[] = []
  const name = checkPromptName(cell('prompt'))
  if (!name.ok) problems.push(`${name.reason} (for example: ${name.suggestion})`)
  const typedLanguage = cell('language')
  const language = LanguageCode.safeParse(typedLanguage === '' ? defaultLanguage : typedLanguage)
  if (!language.success) problems.push(`the language “${typedLanguage}” is not a language code such as en-us or fr-fr`)
  const description = cell('description')
  if (description.length > PROMPT_LIMITS.maxDescriptionLength)
    problems.push(`the description has ${description.length} characters; at most ${PROMPT_LIMITS.maxDescriptionLength}`)
  const ttsText = cell('tts')
  if (ttsText.length > PROMPT_LIMITS.maxTtsLength)
    problems.push(`the TTS text has ${ttsText.length} characters; at most ${PROMPT_LIMITS.maxTtsLength}`)
  if (problems.length > 0 || !name.ok || !language.success) return { row, reason: problems.join('; ') }
  return {
    row,
    promptName: name.name,
    language: language.data,
    ...(description ? { description } : {}),
    ...(ttsText ? { ttsText } : {}),
  }
}

interface CsvRecord {
  record: string[]
  info: { lines: number }
}

async function readRecords(path: string, manifest: Manifest): Promise<CsvRecord[]> {
  let text: string
  try {
    const size = (await stat(path)).size
    if (size > MAX_MANIFEST_BYTES) {
      manifest.problems.push({ row: 0, reason: `the manifest is ${size} bytes; a manifest is at most ${MAX_MANIFEST_BYTES} bytes` })
      return []
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    manifest.problems.push({
      row: 0,
      reason: `the manifest could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    })
    return []
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  // Spreadsheets in many locales save CSV with semicolons; the header row says which.
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d)) ?? ','
  try {
    const records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as CsvRecord[]
    if (records.length - 1 > PROMPT_LIMITS.maxBatchItems) {
      manifest.problems.push({
        row: 0,
        reason: `the manifest has ${records.length - 1} rows; a batch takes at most ${PROMPT_LIMITS.maxBatchItems}`,
      })
      return []
    }
    return records
  } catch (error) {
    const line = (error as { lines?: number }).lines
    manifest.problems.push({ row: line ?? 0, reason: 'the manifest is not valid CSV here (an unclosed quote or a stray character)' })
    return []
  }
}

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const normalised = header.map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, ''))
  const columns: Partial<Record<Column, number>> = {}
  const used = new Set<number>()
  for (const column of Object.keys(HEADERS) as Column[]) {
    for (const name of HEADERS[column]) {
      const index = normalised.findIndex((value, i) => value === name && !used.has(i))
      if (index >= 0) {
        columns[column] = index
        used.add(index)
        break
      }
    }
  }
  return columns
}
