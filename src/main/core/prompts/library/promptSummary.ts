/** A platform prompt as the screen lists it: its languages with their raw upload status, length and TTS text. */
import type { PromptResourceSummary, PromptSummary } from '../../../../shared/contract/prompts'
import type { Prompt, PromptAsset } from '../promptsApi'

export function toPromptSummary(prompt: Prompt): PromptSummary {
  return {
    id: prompt.id,
    name: prompt.name,
    ...(prompt.description ? { description: prompt.description } : {}),
    resources: [...prompt.resources].sort((a, b) => a.language.localeCompare(b.language)).map(toResourceSummary),
  }
}

export function toResourceSummary(resource: PromptAsset): PromptResourceSummary {
  return {
    language: resource.language,
    ...(resource.uploadStatus ? { uploadStatus: resource.uploadStatus } : {}),
    ...(typeof resource.durationSeconds === 'number' ? { durationSeconds: resource.durationSeconds } : {}),
    ...(resource.ttsString ? { ttsString: resource.ttsString } : {}),
    hasMedia: hasMedia(resource),
  }
}

export function hasMedia(resource: PromptAsset): boolean {
  return typeof resource.mediaUri === 'string' && resource.mediaUri.trim() !== ''
}

/**
 * The platform's name filter for "part of a name": `*part*`, matched case-insensitively there. A `*`
 * the admin typed is a wildcard they chose, so such a filter goes as typed; empty means every prompt.
 */
export function nameFilter(part: string): string | undefined {
  const trimmed = part.trim()
  if (trimmed === '') return undefined
  return trimmed.includes('*') ? trimmed : `*${trimmed}*`
}
