/** The org's prompts: listed with languages and status, audio fetched to play, exported as CSV. */
import { promptLibraryMethods } from '../../../../shared/contract/prompts'
import type { WorkflowServices } from '../../workflow'
import type { PromptPart } from '../promptPart'
import { exportPrompts } from './exportPrompts'
import { listPrompts } from './listPrompts'
import { fetchPromptAudio } from './promptAudio'

export async function createLibraryPart(services: WorkflowServices): Promise<PromptPart<typeof promptLibraryMethods>> {
  const shutdown = new AbortController()
  const active = () => services.connections.clientFor(services.profiles.activeId())
  return {
    handlers: {
      'prompts.list': async (input) => listPrompts(active().client, input, shutdown.signal),
      'prompts.audio': async ({ promptId, language }) => {
        const { client, links } = active()
        return fetchPromptAudio({ client, links, promptId, language, signal: shutdown.signal })
      },
      'prompts.export': async (input) => exportPrompts(services, input, shutdown.signal),
    },
    close: async () => {
      shutdown.abort()
    },
  }
}
