/** The org's prompts: listed with languages and status, audio fetched to play, exported as CSV. */
import { promptLibraryMethods } from '../../../../shared/contract/prompts'
import type { WorkflowServices } from '../../workflow'
import { notBuilt } from '../notBuilt'
import type { PromptPart } from '../promptPart'

export async function createLibraryPart(_services: WorkflowServices): Promise<PromptPart<typeof promptLibraryMethods>> {
  return {
    handlers: {
      'prompts.list': async () => notBuilt('prompts.list'),
      'prompts.audio': async () => notBuilt('prompts.audio'),
      'prompts.export': async () => notBuilt('prompts.export'),
    },
  }
}
