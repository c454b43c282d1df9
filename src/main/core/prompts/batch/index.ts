/** A batch of prompt uploads: durable jobs that create prompts and resources, send the WAV as multipart, follow transcoding. */
import { promptBatchMethods } from '../../../../shared/contract/prompts'
import type { WorkflowServices } from '../../workflow'
import { notBuilt } from '../notBuilt'
import type { PromptPart } from '../promptPart'

export async function createBatchPart(_services: WorkflowServices): Promise<PromptPart<typeof promptBatchMethods>> {
  return {
    handlers: {
      'prompts.batch.start': async () => notBuilt('prompts.batch.start'),
      'prompts.batch.list': async () => notBuilt('prompts.batch.list'),
      'prompts.batch.clear': async () => notBuilt('prompts.batch.clear'),
      'prompts.settings.get': async () => notBuilt('prompts.settings.get'),
      'prompts.settings.set': async () => notBuilt('prompts.settings.set'),
    },
  }
}
