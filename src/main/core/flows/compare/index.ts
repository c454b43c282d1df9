import { flowCompareMethods, type CompareInput } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { loadArchivedSide } from './archivedSide'
import { auditCompared, auditCompareFailed } from './compareAudit'
import { compareConfigurations } from './compareConfigurations'
import type { LoadedSide } from './loadedSide'
import { loadVersionSide } from './versionSide'

/** Comparing two configurations of a flow: two versions, or a version and an archived file. */
export function createComparePart(services: WorkflowServices): FlowPart<typeof flowCompareMethods> {
  const shutdown = new AbortController()

  const load = async (side: CompareInput['left'], name: 'left' | 'right', profileId: string): Promise<LoadedSide> => {
    if (side.kind === 'archived') return loadArchivedSide(side, services.dataDir, `${name}.folder`, shutdown.signal)
    const { client } = services.connections.clientFor(profileId)
    return loadVersionSide(client, side, shutdown.signal)
  }

  return {
    handlers: {
      'flows.compare': async ({ left, right }) => {
        const profileId = services.profiles.activeId()
        const scope = await services.scope(profileId)
        try {
          const [leftSide, rightSide] = await Promise.all([load(left, 'left', profileId), load(right, 'right', profileId)])
          const result = compareConfigurations(leftSide, rightSide)
          auditCompared(services.audit, scope, left, right, result)
          return result
        } catch (error) {
          throw auditCompareFailed(services.audit, scope, left, right, error)
        } finally {
          await services.audit.flush()
        }
      },
    },
    close: async () => {
      shutdown.abort()
    },
  }
}
