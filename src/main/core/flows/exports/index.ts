import { flowExportMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { notBuilt } from '../notBuilt'

export function createExportPart(_services: WorkflowServices): FlowPart<typeof flowExportMethods> {
  return {
    handlers: {
      'flows.export.start': async () => notBuilt('flows.export.start'),
      'flows.export.list': async () => notBuilt('flows.export.list'),
    },
  }
}
