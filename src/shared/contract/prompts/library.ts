/** The org's prompts: listed with their languages and status, played in the app, exported as CSV. */
import { z } from 'zod'
import { method } from '../define'
import { LanguageCode, PromptId } from './common'

export const PromptListInput = z
  .object({
    /** Part of a name; empty: all. */
    name: z.string().trim().max(200).default(''),
    pageNumber: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict()
export type PromptListInput = z.input<typeof PromptListInput>

export interface PromptResourceSummary {
  language: string
  uploadStatus?: string
  durationSeconds?: number
  ttsString?: string
  /** True when the resource has audio to play. */
  hasMedia: boolean
}

export interface PromptSummary {
  id: string
  name: string
  description?: string
  resources: PromptResourceSummary[]
}

export interface PromptPage {
  prompts: PromptSummary[]
  total: number
  pageNumber: number
  pageCount: number
}

export const PromptAudioInput = z.object({ promptId: PromptId, language: LanguageCode }).strict()

/** The resource's audio, fetched by the core (the renderer never follows a platform link itself). */
export interface PromptAudio {
  mimeType: string
  sizeBytes: number
  base64: string
}

export const PromptExportInput = z
  .object({
    /** A full path of the CSV to write; empty: <data>/exports/prompts-<date>.csv. */
    path: z.string().max(4096),
    name: z.string().trim().max(200).default(''),
    /** The admin confirmed replacing an existing file at `path`. */
    overwrite: z.boolean().optional(),
  })
  .strict()

export interface PromptExportResult {
  path: string
  rows: number
  sizeBytes: number
}

export const promptLibraryMethods = {
  'prompts.list': method<typeof PromptListInput, PromptPage>(PromptListInput),
  'prompts.audio': method<typeof PromptAudioInput, PromptAudio>(PromptAudioInput),
  'prompts.export': method<typeof PromptExportInput, PromptExportResult>(PromptExportInput),
}
