/**
 * Browsing flows and a flow's version history. Its API wrappers (flowsApi.ts) and row builders are the
 * flow archive's one way to the platform's flows: the other parts import them from '../browse'.
 */
import { flowBrowseMethods, FLOW_TYPES } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { AuthorNames } from './authorNames'
import { listFlows } from './listFlows'
import { readFlowVersions } from './flowVersions'

export {
  getFlow,
  getFlowConfiguration,
  listAllFlowVersions,
  listFlowsPage,
  listFlowVersionsPage,
  FLOW_PAGE_SIZE,
  MAX_FLOW_VERSIONS,
  GenesysFlow,
  GenesysFlowVersion,
  FlowConfiguration,
  type AllFlowVersions,
} from './flowsApi'
export { toFlowRow, toVersionRow, lockProblems } from './flowRows'
export { normaliseFlowDate, rawFlowDate } from './flowDates'
export { readFlow, readFlowVersions } from './flowVersions'
export { deniedProblem, flowPermissionError, isRefusal, FLOW_VIEW_PERMISSION } from './flowAccess'
export { AuthorNames } from './authorNames'

export function createBrowsePart(services: WorkflowServices): FlowPart<typeof flowBrowseMethods> & { authors: AuthorNames } {
  const authors = new AuthorNames()
  const active = () => {
    const profileId = services.profiles.activeId()
    return { profileId, client: services.connections.clientFor(profileId).client }
  }
  return {
    authors,
    handlers: {
      'flows.list': async (input) => {
        const { client } = active()
        // Lower case, as the filter takes them; the contract already holds them to the known list.
        const types = [...new Set(input.types.filter((type) => (FLOW_TYPES as readonly string[]).includes(type)))]
        return listFlows(client, { types, name: input.name, publishState: input.publishState })
      },
      'flows.versions': async ({ flowId }) => {
        const { client, profileId } = active()
        return readFlowVersions({ client, profileId, authors }, flowId)
      },
    },
  }
}
