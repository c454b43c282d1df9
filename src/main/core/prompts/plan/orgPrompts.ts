/**
 * The org's prompts as a plan compares with them: every page of GET /api/v2/architect/prompts read once
 * per plan (not one look-up per name), by lower-case name (Architect keeps names unique case-insensitively),
 * each with its languages and their uploadStatus.
 */
import { AppError } from '../../../../shared/errors'
import type { GenesysClient } from '../../genesys'
import { listPromptsPage, PROMPT_PAGE_SIZE } from '../promptsApi'

export interface OrgPrompt {
  id: string
  name: string
  /** uploadStatus by lower-case language ('' when the platform sent none). */
  languages: Map<string, string>
}

/** 500 pages of 100: an org with more prompts than this is not read to the end. */
const MAX_PAGES = 500

export async function readOrgPrompts(client: GenesysClient, signal: AbortSignal): Promise<Map<string, OrgPrompt>> {
  const prompts = new Map<string, OrgPrompt>()
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const { data } = await listPromptsPage(client, { pageNumber, pageSize: PROMPT_PAGE_SIZE }, signal)
    for (const prompt of data.entities) {
      const languages = new Map(prompt.resources.map((resource) => [resource.language.toLowerCase(), resource.uploadStatus ?? '']))
      prompts.set(prompt.name.toLowerCase(), { id: prompt.id, name: prompt.name, languages })
    }
    if (data.entities.length === 0 || pageNumber >= (data.pageCount ?? pageNumber)) return prompts
  }
  throw new AppError({
    code: 'response_too_large',
    message: `The org has more than ${MAX_PAGES * PROMPT_PAGE_SIZE} prompts; the review did not read them all.`,
    hint: 'The batch still looks each prompt up by name before it creates one, so nothing is created twice.',
  })
}
