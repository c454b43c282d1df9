/**
 * One dropped file as a plan item: its prompt and language (from the manifest or the file name), and
 * whether it can be sent at all (readable, within Architect's size limit, WAV Architect takes, a name
 * Architect takes). The org is asked later, for all items at once.
 */
import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { PROMPT_LIMITS, type PlanItem } from '../../../../shared/contract/prompts'
import { fileKey, type Manifest } from './manifest'
import { checkPromptName, mapFileName } from './nameConvention'
import { readWavContent } from './wavContent'

export interface ItemContext {
  defaultLanguage: string
  manifest?: Manifest
}

/** A WAV file (by its name) as a plan item: refused with reason and hint, or `create` until the org says otherwise. */
export async function planWavFile(path: string, context: ItemContext): Promise<PlanItem> {
  const fileName = basename(path)
  const named = nameOf(fileName, context)
  const item: PlanItem = { key: path, path, fileName, size: 0, ...named.fields, action: 'create' }
  let stats: Stats
  try {
    stats = await stat(path)
  } catch (error) {
    return refuse(
      item,
      `It could not be read (${codeOf(error)}).`,
      'Check that the file is still there and that you may read it, then review again.',
    )
  }
  if (!stats.isFile()) return refuse(item, 'It is not a regular file.', 'Drop WAV files, or folders that hold them.')
  item.size = stats.size
  if (stats.size === 0) return refuse(item, 'It is empty (0 bytes).', 'Record or export the prompt again.')
  if (stats.size > PROMPT_LIMITS.maxFileBytes) {
    return refuse(
      item,
      `It is ${sizeOf(stats.size)}; Architect takes prompts of at most ${sizeOf(PROMPT_LIMITS.maxFileBytes)}.`,
      'Shorten the recording, or save it as 8 kHz mono (mu-law or 16-bit PCM), which is what the phone network plays anyway.',
    )
  }
  const content = await readWavContent(path)
  if (!content.ok) return refuse(item, sentence(content.reason), content.hint)
  item.durationSeconds = content.durationSeconds
  if (named.refusal) return refuse(item, named.refusal.reason, named.refusal.hint)
  return item
}

/** A dropped file that is not a WAV by its name: listed, refused. */
export async function planOtherFile(path: string, context: ItemContext): Promise<PlanItem> {
  const fileName = basename(path)
  const size = await stat(path).then(
    (stats) => stats.size,
    () => 0,
  )
  const extension = extname(fileName)
  const item: PlanItem = { key: path, path, fileName, size, ...nameOf(fileName, context).fields, action: 'create' }
  return refuse(
    item,
    `It is ${extension ? `a ${extension} file` : 'a file without an extension'}, not a WAV file; Architect prompts are WAV.`,
    'If it is a recording, convert it to WAV, 16-bit PCM mono (for example: ffmpeg -i in.mp3 -ac 1 -ar 8000 -c:a pcm_s16le out.wav), then add it again; otherwise leave it out.',
  )
}

type NamedFields = Pick<PlanItem, 'promptName' | 'language' | 'description' | 'ttsText' | 'source'>

function nameOf(fileName: string, context: ItemContext): { fields: NamedFields; refusal?: { reason: string; hint: string } } {
  const key = fileKey(fileName)
  const manifest = context.manifest
  const entry = manifest?.entries.get(key)
  if (entry) {
    const { promptName, language, description, ttsText } = entry
    const fields: NamedFields = {
      promptName,
      language,
      source: 'manifest',
      ...(description ? { description } : {}),
      ...(ttsText ? { ttsText } : {}),
    }
    return { fields }
  }
  const mapped = mapFileName(fileName, context.defaultLanguage)
  const bad = manifest?.badRows.get(key)
  if (bad && manifest) {
    return {
      fields: { promptName: mapped.promptName, language: mapped.language, source: 'manifest' },
      refusal: {
        reason: `Row ${bad.row} of the manifest cannot be used: ${bad.reason}.`,
        hint: `Fix row ${bad.row} of ${basename(manifest.path)}, then review again.`,
      },
    }
  }
  const fields: NamedFields = { promptName: mapped.promptName, language: mapped.language, source: 'file-name' }
  const check = checkPromptName(mapped.promptName)
  if (check.ok) return { fields: { ...fields, promptName: check.name } }
  const language = mapped.languageInName ? `.${mapped.language}` : ''
  return {
    fields,
    refusal: {
      reason: `${sentence(check.reason)}`,
      hint: `Rename the file to ${check.suggestion}${language}.wav (letters, digits and underscores, starting with a letter), or name it in a CSV manifest.`,
    },
  }
}

function refuse(item: PlanItem, refusal: string, hint: string): PlanItem {
  return { ...item, action: 'refused', refusal, hint }
}

/** Decimal megabytes, as Architect's "25 MB" is meant, and the bytes: a file just over the limit must not read as equal to it. */
function sizeOf(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(1))} MB (${bytes.toLocaleString('en-US')} bytes)`
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1)
  return first.endsWith('.') ? first : `${first}.`
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error'
}
