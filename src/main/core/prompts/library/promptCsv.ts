/**
 * The prompts export as CSV text: one row per language resource, a prompt without resources one row
 * of its own. A UTF-8 byte order mark (Excel reads a CSV without one in the local code page), CRLF line
 * ends, and every text cell from the org defused against spreadsheet formulas (files/csvFormula.ts).
 */
import { stringify } from 'csv-stringify/sync'
import { defuseFormula } from '../../files/csvFormula'
import type { Prompt, PromptAsset } from '../promptsApi'

export const PROMPT_CSV_COLUMNS = [
  'promptName',
  'promptId',
  'description',
  'language',
  'uploadStatus',
  'durationSeconds',
  'ttsString',
] as const
type Row = Record<(typeof PROMPT_CSV_COLUMNS)[number], string>

export function promptRows(prompts: Prompt[]): Row[] {
  return prompts.flatMap((prompt) => {
    const resources = [...prompt.resources].sort((a, b) => a.language.localeCompare(b.language))
    return resources.length === 0 ? [rowOf(prompt)] : resources.map((resource) => rowOf(prompt, resource))
  })
}

export function promptCsvText(rows: Row[]): string {
  return stringify(rows, { header: true, columns: [...PROMPT_CSV_COLUMNS], bom: true, record_delimiter: 'windows' })
}

function rowOf(prompt: Prompt, resource?: PromptAsset): Row {
  return {
    promptName: defuseFormula(prompt.name),
    promptId: defuseFormula(prompt.id),
    description: defuseFormula(prompt.description ?? ''),
    language: defuseFormula(resource?.language ?? ''),
    uploadStatus: defuseFormula(resource?.uploadStatus ?? ''),
    durationSeconds: typeof resource?.durationSeconds === 'number' ? String(resource.durationSeconds) : '',
    ttsString: defuseFormula(resource?.ttsString ?? ''),
  }
}
