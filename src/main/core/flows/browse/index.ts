import { flowBrowseMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createBrowsePart(_services: WorkflowServices): FlowPart<typeof flowBrowseMethods> {
  return {
    handlers: {
      'flows.list': async () => notBuilt('flows.list'),
      'flows.versions': async () => notBuilt('flows.versions'),
    },
  }
}
