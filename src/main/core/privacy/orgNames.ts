import { getOrganizationMe } from '../genesys'
import type { Connections } from '../profiles/connections'

/**
 * The org name of each profile, for cards and audit entries: known once a connection test ran,
 * otherwise asked once (GET /api/v2/organizations/me). A failure leaves it empty, never blocks.
 */
export class OrgNames {
  private readonly known = new Map<string, string>()

  constructor(private readonly connections: Connections) {}

  async of(profileId: string, signal?: AbortSignal): Promise<string> {
    const { client, orgName } = this.connections.clientFor(profileId)
    const name = orgName() || this.known.get(profileId)
    if (name) return name
    try {
      const org = await getOrganizationMe(client, signal)
      this.known.set(profileId, org.data.name)
      return org.data.name
    } catch {
      return ''
    }
  }
}
