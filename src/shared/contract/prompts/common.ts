/**
 * Prompts (issue 14): what every part shares. Architect user prompts hold one audio resource per
 * language; the platform's uploadStatus is an open enum (a value it adds later travels raw and is shown).
 */
import { z } from 'zod'

/** Architect's limits as the admin UI and the help centre state them (25 MB per file, WAV only). */
export const PROMPT_LIMITS = {
  /** 25 MB in decimal megabytes: the stricter reading of the help centre's "25 MB". */
  maxFileBytes: 25_000_000,
  maxNameLength: 200,
  maxDescriptionLength: 1000,
  maxTtsLength: 2000,
  /** Files (or CSV rows) in one batch. */
  maxBatchItems: 2000,
} as const

/** Letters, digits and underscores, starting with a letter (the admin UI's rule). */
export const PROMPT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/
export const PromptName = z
  .string()
  .trim()
  .min(1, 'A prompt needs a name')
  .max(PROMPT_LIMITS.maxNameLength, `A prompt name has at most ${PROMPT_LIMITS.maxNameLength} characters`)
  .regex(PROMPT_NAME_PATTERN, 'Letters, digits and underscores, starting with a letter')

/** A language tag as Architect writes it: lower case, e.g. en-us, fr-fr, es (matched case-insensitively, kept lower). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/
export const LanguageCode = z.string().trim().toLowerCase().regex(LANGUAGE_PATTERN, 'A language such as en-us or fr-fr')

export const PromptId = z.string().min(1).max(200)

/** The platform's states of a language resource, in order; others it may add are kept raw. */
export const UPLOAD_STATUSES = ['created', 'uploaded', 'transcoded', 'transcodeFailed'] as const
export type UploadStatus = (typeof UPLOAD_STATUSES)[number] | (string & {})

/** Where the batch part keeps settings (settingsSlice key) and their defaults. */
export const PROMPT_SETTINGS_DEFAULTS = { defaultLanguage: 'en-us', concurrency: 3 }
export const PromptSettings = z
  .object({
    defaultLanguage: LanguageCode,
    /** Prompt uploads running at once. */
    concurrency: z.number().int().min(1, 'Concurrency: 1 to 8').max(8, 'Concurrency: 1 to 8'),
  })
  .strict()
export type PromptSettings = z.infer<typeof PromptSettings>
