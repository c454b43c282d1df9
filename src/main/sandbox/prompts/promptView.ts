/**
 * The platform's Prompt and PromptAsset models (shared/genesys-api.md, Architect prompts). The asset's
 * uploadUri is on the sandbox's own origin (the API's), and its mediaUri, once transcoded, is a
 * presigned link on the media surface that serves the stored audio.
 */
import type { SandboxContext } from '../context'
import { MEDIA_PREFIX, PROMPT_UPLOAD_PREFIX } from '../surface'
import type { SandboxPromptRecord, SandboxPromptResourceRecord, SandboxUploadStatus } from './promptRecords'

export const PROMPTS_PATH = '/api/v2/architect/prompts'

export interface PromptAssetView {
  id: string
  promptId: string
  language: string
  mediaUri?: string
  ttsString?: string
  text?: string
  tags?: Record<string, string[]>
  uploadStatus: SandboxUploadStatus
  uploadUri: string
  languageDefault: boolean
  durationSeconds?: number
  selfUri: string
}

export interface PromptView {
  id: string
  name: string
  description?: string
  resources: PromptAssetView[]
  selfUri: string
}

/** The path of a resource's audio on the media surface; `generation` names the upload, so a replaced file's old link finds nothing. */
export function promptMediaPath(resource: SandboxPromptResourceRecord): string {
  return `${MEDIA_PREFIX}prompts/${resource.promptId}/${resource.language}/${resource.generation}.wav`
}

export function promptUploadUri(ctx: SandboxContext, promptId: string, language: string): string {
  return `${ctx.baseUrl}${PROMPT_UPLOAD_PREFIX}prompts/${promptId}/${language}`
}

export function promptAssetView(ctx: SandboxContext, prompt: SandboxPromptRecord, resource: SandboxPromptResourceRecord): PromptAssetView {
  const mediaPath = promptMediaPath(resource)
  const first = prompt.resources.keys().next().value
  return {
    id: resource.id,
    promptId: prompt.id,
    language: resource.language,
    ...(resource.uploadStatus === 'transcoded'
      ? { mediaUri: `${ctx.baseUrl}${mediaPath}?${ctx.signer.sign('GET', mediaPath, ctx.config.mediaUrlLifetimeSeconds, {})}` }
      : {}),
    ...(resource.ttsString !== undefined ? { ttsString: resource.ttsString } : {}),
    ...(resource.text !== undefined ? { text: resource.text } : {}),
    ...(resource.tags !== undefined ? { tags: resource.tags } : {}),
    uploadStatus: resource.uploadStatus,
    uploadUri: promptUploadUri(ctx, prompt.id, resource.language),
    languageDefault: first === resource.language,
    ...(resource.durationSeconds !== undefined ? { durationSeconds: resource.durationSeconds } : {}),
    selfUri: `${PROMPTS_PATH}/${prompt.id}/resources/${resource.language}`,
  }
}

/** What a prompt listing leaves out when asked (GET .../prompts?includeResources=false&includeMediaUris=false). */
export interface PromptViewOptions {
  includeResources?: boolean
  includeMediaUris?: boolean
}

export function promptView(ctx: SandboxContext, prompt: SandboxPromptRecord, options: PromptViewOptions = {}): PromptView {
  const assets =
    options.includeResources === false ? [] : [...prompt.resources.values()].map((resource) => promptAssetView(ctx, prompt, resource))
  return {
    id: prompt.id,
    name: prompt.name,
    ...(prompt.description !== undefined ? { description: prompt.description } : {}),
    resources: options.includeMediaUris === false ? assets.map(({ mediaUri: _mediaUri, ...asset }) => asset) : assets,
    selfUri: `${PROMPTS_PATH}/${prompt.id}`,
  }
}
