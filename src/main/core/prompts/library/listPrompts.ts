/** prompts.list: one page of the org's prompts, filtered by part of a name on the platform's side. */
import type { z } from 'zod'
import type { PromptListInput, PromptPage } from '../../../../shared/contract/prompts'
import type { GenesysClient } from '../../genesys'
import { listPromptsPage } from '../promptsApi'
import { promptPermissionError } from './promptAccess'
import { nameFilter, toPromptSummary } from './promptSummary'

export async function listPrompts(
  client: GenesysClient,
  input: z.output<typeof PromptListInput>,
  signal?: AbortSignal,
): Promise<PromptPage> {
  const name = nameFilter(input.name)
  try {
    const page = await listPromptsPage(
      client,
      { ...(name ? { name } : {}), pageNumber: input.pageNumber, pageSize: input.pageSize },
      signal,
    )
    const { entities, total, pageCount } = page.data
    const known = total ?? (input.pageNumber - 1) * input.pageSize + entities.length
    return {
      prompts: entities.map(toPromptSummary),
      total: known,
      pageNumber: page.data.pageNumber ?? input.pageNumber,
      pageCount: pageCount ?? Math.ceil(known / input.pageSize),
    }
  } catch (error) {
    throw promptPermissionError(error, 'list Architect prompts')
  }
}
