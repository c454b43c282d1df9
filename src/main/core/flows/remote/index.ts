import { flowRemoteMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createRemotePart(_services: WorkflowServices): FlowPart<typeof flowRemoteMethods> {
  return {
    handlers: {
      'flows.remote.get': async () => notBuilt('flows.remote.get'),
      'flows.remote.set': async () => notBuilt('flows.remote.set'),
      'flows.remote.send': async () => notBuilt('flows.remote.send'),
    },
  }
}
