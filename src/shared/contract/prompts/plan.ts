/**
 * The review before a batch: dropped WAV files (and folders, and an optional CSV manifest) mapped to
 * prompts and languages, checked, and compared with the org's prompts. Nothing is sent to the org here
 * but look-ups.
 */
import { z } from 'zod'
import { method } from '../define'
import { LanguageCode } from './common'

export const PlanInput = z
  .object({
    /** Files, folders and CSV manifests (full paths; in the web shell, staged copies). */
    paths: z.array(z.string().min(1).max(4096)).min(1, 'Add at least one file or folder').max(20_000),
    /** The language of a file whose name carries none. */
    defaultLanguage: LanguageCode,
  })
  .strict()
export type PlanInput = z.input<typeof PlanInput>

/**
 * create: a new prompt with this language; add-language: the prompt exists without this language;
 * replace: the prompt has this language already (asked before Start); refused: will not be sent.
 */
export type PlanAction = 'create' | 'add-language' | 'replace' | 'refused'

export interface PlanItem {
  /** Stable within the plan: what Start's choices refer to. */
  key: string
  path: string
  fileName: string
  size: number
  durationSeconds?: number
  promptName: string
  language: string
  description?: string
  ttsText?: string
  /** Where the name and language came from. */
  source: 'file-name' | 'manifest'
  action: PlanAction
  /** The existing prompt (add-language, replace). */
  promptId?: string
  /** The existing resource's uploadStatus (replace). */
  existingStatus?: string
  /** Why it is refused, in plain words, and what to do. */
  refusal?: string
  hint?: string
}

export interface PromptPlan {
  id: string
  createdAt: string
  defaultLanguage: string
  items: PlanItem[]
  /** Things not offered at all (hidden files, not WAV by extension in a folder, loops), with why. */
  ignored: { path: string; reason: string }[]
  /** The CSV manifest used, if one was dropped, and its rows' problems (row number and reason). */
  manifest?: { path: string; rows: number; problems: { row: number; reason: string }[] }
  /** False when the org could not be asked (offline, no permission): actions assume nothing exists. */
  orgChecked: boolean
  orgProblem?: string
}

export const promptPlanMethods = {
  'prompts.plan': method<typeof PlanInput, PromptPlan>(PlanInput),
}
