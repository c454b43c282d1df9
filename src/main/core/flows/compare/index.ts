import { flowCompareMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createComparePart(_services: WorkflowServices): FlowPart<typeof flowCompareMethods> {
  return {
    handlers: {
      'flows.compare': async () => notBuilt('flows.compare'),
    },
  }
}
