import type { AuditScope } from '../audit'
import type { Connections } from '../profiles/connections'
import type { ProfileStore } from '../profiles/profileStore'

export { SYSTEM_SCOPE, type AuditScope } from '../audit'

/**
 * The one way an entry about a profile names its profile and org: the org's name as Connections knows
 * it (read once per client and shared), or '' when it cannot be read (no secret stored, org unreachable).
 * Never throws for the org: an audit entry must not fail because the org's name is unknown.
 */
export function createAuditScope(profiles: ProfileStore, connections: Connections): (profileId: string) => Promise<AuditScope> {
  return async (profileId) => {
    const profile = profiles.get(profileId).name
    const org = await connections.orgName(profileId).catch(() => '')
    return { profile, org }
  }
}
