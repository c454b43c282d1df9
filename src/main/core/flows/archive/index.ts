import { flowArchiveMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createArchivePart(_services: WorkflowServices): FlowPart<typeof flowArchiveMethods> {
  return {
    handlers: {
      'flows.settings.get': async () => notBuilt('flows.settings.get'),
      'flows.settings.set': async () => notBuilt('flows.settings.set'),
      'flows.archive.start': async () => notBuilt('flows.archive.start'),
      'flows.archive.list': async () => notBuilt('flows.archive.list'),
      'flows.archive.clear': async () => notBuilt('flows.archive.clear'),
    },
  }
}
