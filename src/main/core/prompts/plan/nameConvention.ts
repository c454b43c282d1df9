/**
 * The file-name convention shown on screen: `<prompt>.<language>.wav` (welcome_message.fr-fr.wav), or
 * `<prompt>.wav` for the batch's default language. The language is matched case-insensitively and kept
 * lower case, as Architect writes it.
 */
import { LANGUAGE_PATTERN, PROMPT_LIMITS, PROMPT_NAME_PATTERN, PromptName } from '../../../../shared/contract/prompts'

export const WAV_EXTENSION = /\.wav$/i

export interface MappedName {
  promptName: string
  language: string
  /** True when the language came from the name, false when it is the default. */
  languageInName: boolean
}

/** The prompt and language a file's name gives; the prompt name is checked separately (checkPromptName). */
export function mapFileName(fileName: string, defaultLanguage: string): MappedName {
  const stem = fileName.replace(WAV_EXTENSION, '')
  const dot = stem.lastIndexOf('.')
  if (dot > 0) {
    const candidate = stem.slice(dot + 1).toLowerCase()
    if (LANGUAGE_PATTERN.test(candidate)) return { promptName: stem.slice(0, dot), language: candidate, languageInName: true }
  }
  return { promptName: stem, language: defaultLanguage.toLowerCase(), languageInName: false }
}

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string; suggestion: string }

/** A prompt name as Architect takes it (PromptName), or why not with a name that would do. */
export function checkPromptName(name: string): NameCheck {
  const parsed = PromptName.safeParse(name)
  if (parsed.success) return { ok: true, name: parsed.data }
  return { ok: false, reason: nameProblem(name), suggestion: suggestPromptName(name) }
}

function nameProblem(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '') return 'the prompt name is empty'
  if (trimmed.length > PROMPT_LIMITS.maxNameLength)
    return `the prompt name has ${trimmed.length} characters; Architect takes at most ${PROMPT_LIMITS.maxNameLength}`
  if (!/^[A-Za-z]/.test(trimmed)) return `the prompt name “${trimmed}” does not start with a letter`
  const bad = [...new Set(trimmed.replace(/[A-Za-z0-9_]/g, ''))].map((c) => (c === ' ' ? 'spaces' : `“${c}”`))
  return `the prompt name “${trimmed}” holds ${bad.join(', ')}; Architect takes letters, digits and underscores`
}

/** Letters, digits and underscores, starting with a letter, at most 200 characters; never empty. */
export function suggestPromptName(name: string): string {
  let suggestion = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
  if (suggestion === '') suggestion = 'prompt'
  if (!/^[A-Za-z]/.test(suggestion)) suggestion = `prompt_${suggestion}`
  suggestion = suggestion.slice(0, PROMPT_LIMITS.maxNameLength).replace(/_+$/, '')
  return PROMPT_NAME_PATTERN.test(suggestion) ? suggestion : 'prompt'
}
