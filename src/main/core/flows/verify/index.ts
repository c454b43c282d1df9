import { flowVerifyMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createVerifyPart(_services: WorkflowServices): FlowPart<typeof flowVerifyMethods> {
  return {
    handlers: {
      'flows.archive.verify': async () => notBuilt('flows.archive.verify'),
    },
  }
}
