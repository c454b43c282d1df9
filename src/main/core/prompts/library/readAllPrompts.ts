/** Every prompt matching the filter, page by page (the platform's largest page), up to a cap. */
import { AppError } from '../../../../shared/errors'
import type { GenesysClient } from '../../genesys'
import { listPromptsPage, PROMPT_PAGE_SIZE, type Prompt } from '../promptsApi'
import { promptPermissionError } from './promptAccess'

/** Far above an org's usual few hundred prompts; beyond it an export is refused rather than cut short. */
export const MAX_EXPORTED_PROMPTS = 20_000

export async function readAllPrompts(
  client: GenesysClient,
  name: string | undefined,
  options: { signal?: AbortSignal; pageSize?: number; maxPrompts?: number } = {},
): Promise<Prompt[]> {
  const { signal, pageSize = PROMPT_PAGE_SIZE, maxPrompts = MAX_EXPORTED_PROMPTS } = options
  const prompts = new Map<string, Prompt>()
  try {
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await listPromptsPage(client, { ...(name ? { name } : {}), pageNumber, pageSize }, signal)
      for (const prompt of page.data.entities) prompts.set(prompt.id, prompt)
      const total = page.data.total ?? prompts.size
      if (total > maxPrompts || prompts.size > maxPrompts) throw tooMany(total, maxPrompts)
      const pageCount = page.data.pageCount ?? Math.ceil(total / pageSize)
      if (page.data.entities.length === 0 || pageNumber >= pageCount) break
    }
  } catch (error) {
    throw promptPermissionError(error, 'list Architect prompts')
  }
  return [...prompts.values()]
}

function tooMany(total: number, max: number): AppError {
  return new AppError({
    code: 'invalid_input',
    message: `The org has ${total} prompts matching this filter; an export holds at most ${max}.`,
    hint: 'Filter by part of a name and export in several files.',
  })
}
