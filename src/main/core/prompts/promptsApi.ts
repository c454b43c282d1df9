/**
 * Architect user prompts (shared/genesys-api.md, "Architect prompts"): the list page by page, one prompt
 * by id or by its exact name, a new prompt, and a prompt's language resources. uploadStatus stays open: a
 * value the platform adds later travels raw. Shared by the prompts parts: they import from '../promptsApi'.
 * The multipart upload itself is not here: it goes to the resource's uploadUri (see batch/uploadFile.ts).
 */
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { GenesysClient, GenesysResponse } from '../genesys'

export const PromptAsset = z.looseObject({
  id: z.string().min(1),
  promptId: z.string().optional(),
  language: z.string().min(1),
  mediaUri: z.string().optional(),
  ttsString: z.string().optional(),
  text: z.string().optional(),
  uploadStatus: z.string().optional(),
  uploadUri: z.string().optional(),
  languageDefault: z.boolean().optional(),
  durationSeconds: z.number().optional(),
  selfUri: z.string().optional(),
})
export type PromptAsset = z.infer<typeof PromptAsset>

export const Prompt = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  resources: z.array(PromptAsset).default([]),
  selfUri: z.string().optional(),
})
export type Prompt = z.infer<typeof Prompt>

const pageOf = <T extends z.ZodType>(entity: T) =>
  z.looseObject({
    entities: z.array(entity).default([]),
    pageSize: z.number().int().optional(),
    pageNumber: z.number().int().optional(),
    total: z.number().int().min(0).optional(),
    pageCount: z.number().int().min(0).optional(),
  })

export const PromptPage = pageOf(Prompt)
export type PromptPage = z.infer<typeof PromptPage>
export const PromptAssetPage = pageOf(PromptAsset)
export type PromptAssetPage = z.infer<typeof PromptAssetPage>

/** The largest page the prompts endpoints serve. */
export const PROMPT_PAGE_SIZE = 100

const PROMPTS = '/api/v2/architect/prompts'
const promptPath = (promptId: string) => `${PROMPTS}/${encodeURIComponent(promptId)}`
const resourcesPath = (promptId: string) => `${promptPath(promptId)}/resources`
const resourcePath = (promptId: string, language: string) => `${resourcesPath(promptId)}/${encodeURIComponent(language)}`

export interface PromptListQuery {
  /** Case-insensitive; `*` is a wildcard, without one the whole name must match. */
  name?: string
  pageNumber: number
  pageSize?: number
  sortOrder?: 'asc' | 'desc'
}

/** GET /api/v2/architect/prompts: one page, sorted by name. */
export async function listPromptsPage(client: GenesysClient, query: PromptListQuery, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: PROMPTS,
    params: {
      ...(query.name ? { name: query.name } : {}),
      pageNumber: query.pageNumber,
      pageSize: query.pageSize ?? PROMPT_PAGE_SIZE,
      sortBy: 'name',
      sortOrder: query.sortOrder ?? 'asc',
    },
    schema: PromptPage,
    signal,
  })
}

export interface FoundPrompt {
  prompt?: Prompt
  correlationId?: string
}

/**
 * The prompt whose name is exactly `name` (case-insensitively, as the platform keeps names unique), or none.
 * A `*` in the name would be a wildcard to the filter, but prompt names never hold one.
 */
export async function findPromptByName(client: GenesysClient, name: string, signal?: AbortSignal): Promise<FoundPrompt> {
  const page = await listPromptsPage(client, { name, pageNumber: 1, pageSize: 25 }, signal)
  const wanted = name.toLowerCase()
  const prompt = page.data.entities.find((entity) => entity.name.toLowerCase() === wanted)
  return { ...(prompt ? { prompt } : {}), ...(page.correlationId ? { correlationId: page.correlationId } : {}) }
}

/** GET /api/v2/architect/prompts/{promptId}: the prompt with its resources. */
export async function getPrompt(client: GenesysClient, promptId: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: promptPath(promptId), schema: Prompt, signal })
}

/** POST /api/v2/architect/prompts: 409 when the name exists (the caller looks it up then). Not re-sent after a 5xx. */
export async function createPrompt(
  client: GenesysClient,
  body: { name: string; description?: string },
  signal?: AbortSignal,
): Promise<GenesysResponse<Prompt>> {
  return client.request({ method: 'POST', path: PROMPTS, data: body, schema: Prompt, signal, retryServerFailures: false })
}

/** GET .../prompts/{promptId}/resources: one page of language resources. */
export async function listPromptResourcesPage(
  client: GenesysClient,
  promptId: string,
  pageNumber = 1,
  pageSize = PROMPT_PAGE_SIZE,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'GET',
    path: resourcesPath(promptId),
    params: { pageNumber, pageSize },
    schema: PromptAssetPage,
    signal,
  })
}

/** GET .../prompts/{promptId}/resources/{languageCode}. */
export async function getPromptResource(client: GenesysClient, promptId: string, language: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: resourcePath(promptId, language), schema: PromptAsset, signal })
}

export interface PromptResourceBody {
  language: string
  ttsString?: string
  text?: string
}

/** POST .../prompts/{promptId}/resources: 409 when the language exists. Not re-sent after a 5xx. */
export async function createPromptResource(client: GenesysClient, promptId: string, body: PromptResourceBody, signal?: AbortSignal) {
  return client.request({
    method: 'POST',
    path: resourcesPath(promptId),
    data: body,
    schema: PromptAsset,
    signal,
    retryServerFailures: false,
  })
}

/** PUT .../prompts/{promptId}/resources/{languageCode}: updates the TTS string and text. */
export async function updatePromptResource(
  client: GenesysClient,
  promptId: string,
  language: string,
  body: Omit<PromptResourceBody, 'language'>,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'PUT',
    path: resourcePath(promptId, language),
    data: { language, ...body },
    schema: PromptAsset,
    signal,
  })
}

/** True for the platform's "already exists" answer to a create. */
export function isConflict(failure: unknown): failure is AppError {
  return failure instanceof AppError && failure.status === 409
}
