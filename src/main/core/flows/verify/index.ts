import { flowVerifyMethods } from '../../../../shared/contract/flows'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { resolveArchiveFolder } from './archiveFolder'
import { verifyArchive } from './verifyArchive'
import { auditVerified, auditVerifyFailed } from './verifyAudit'

export { resolveArchiveFolder } from './archiveFolder'
export { openArchiveEntry, type ArchiveEntry } from './archiveEntry'
export { readManifests, type ReadManifest } from './manifestReading'

/** Verifying an archive folder against its manifests: files changed, missing or extra, manifests invalid. */
export function createVerifyPart(services: WorkflowServices): FlowPart<typeof flowVerifyMethods> {
  const shutdown = new AbortController()
  return {
    handlers: {
      'flows.archive.verify': async ({ folder }) => {
        const scope = await services.scope(services.profiles.activeId())
        try {
          const archive = await resolveArchiveFolder(folder, services.dataDir)
          const report = await verifyArchive(archive, services.now(), shutdown.signal)
          auditVerified(services, scope, report)
          return report
        } catch (error) {
          throw auditVerifyFailed(services, scope, folder, error)
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
