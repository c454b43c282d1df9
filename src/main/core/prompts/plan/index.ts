/** The review before a batch: files and a CSV manifest mapped to prompts and languages, checked, compared with the org. */
import { promptPlanMethods } from '../../../../shared/contract/prompts'
import type { WorkflowServices } from '../../workflow'
import { notBuilt } from '../notBuilt'
import type { PromptPart } from '../promptPart'

export async function createPlanPart(_services: WorkflowServices): Promise<PromptPart<typeof promptPlanMethods>> {
  return {
    handlers: {
      'prompts.plan': async () => notBuilt('prompts.plan'),
    },
  }
}
