import { getOrganizationMe, type GenesysClient } from '../genesys'

export interface OrgIdentity {
  id: string
  name: string
}

/** Which org a client uploads to (duplicates are per org), asked once per client. */
export class OrgDirectory {
  private readonly known = new WeakMap<GenesysClient, Promise<OrgIdentity>>()

  identify(client: GenesysClient): Promise<OrgIdentity> {
    let found = this.known.get(client)
    if (!found) {
      found = getOrganizationMe(client).then((me) => ({ id: me.data.id, name: me.data.name }))
      // A failure (network, credentials) is not remembered: the next upload asks again.
      found.catch(() => this.known.delete(client))
      this.known.set(client, found)
    }
    return found
  }
}
