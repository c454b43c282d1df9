import type { PrivacyImportState } from '../../../shared/contract/privacy'
import { auditFailure } from '../audit'
import type { WorkflowServices } from '../workflow'
import { listGdprRequests } from './gdprApi'
import { auditPrivacy } from './privacyAudit'
import { trackedFrom } from './remoteRequest'
import type { RequestStore } from './requestStore'
import type { RequestTracker } from './requestTracker'

/** The newest requests are what matters; an org with years of history is not read to the end. */
const MAX_PAGES = 5
const PAGE_SIZE = 100

/**
 * Reads GET /api/v2/gdpr/requests for the active profile: requests made elsewhere (the admin UI, a
 * script, a colleague) appear, unfinished ones are tracked, and known ones take their current status.
 */
export async function importFromOrg(
  services: WorkflowServices,
  store: RequestStore,
  tracker: RequestTracker,
  signal?: AbortSignal,
): Promise<PrivacyImportState> {
  const profileId = services.profiles.activeId()
  const at = services.now().toISOString()
  let profileName = profileId
  let found = 0
  try {
    profileName = services.profiles.get(profileId).name
    const { client } = services.connections.clientFor(profileId)
    const { org: orgName } = await services.scope(profileId)
    const origin = { profileId, profileName, orgName, source: 'elsewhere' as const }
    let added = 0
    for (let page = 1; page <= MAX_PAGES; page++) {
      const listing = (await listGdprRequests(client, page, PAGE_SIZE, signal)).data
      for (const remote of listing.entities) {
        found += 1
        if (store.isForgotten(remote.id)) continue
        const known = store.get(remote.id)
        if (known) {
          tracker.observe(known, remote, 'import')
          tracker.emitChanged(known)
          continue
        }
        const request = trackedFrom(remote, origin, services.now())
        store.put(request)
        await tracker.follow(request)
        tracker.emitChanged(request)
        added += 1
      }
      if (listing.pageCount === undefined || page >= listing.pageCount) break
    }
    await store.save()
    auditPrivacy(services.audit, { profileName, orgName }, 'privacy.import', 'gdpr/requests', 'ok', { found, added })
    await services.audit.flush()
    return { at, profileId, profileName, found }
  } catch (error) {
    const failure = auditFailure(services.audit, { profile: profileName, org: '' }, 'privacy.import', 'gdpr/requests', { found }, error)
    await services.audit.flush()
    return { at, profileId, profileName, found, error: failure.toData() }
  }
}
