/**
 * The names behind createdBy ids (GET /api/v2/users/{id} through genesys/users.ts), kept per profile,
 * since two orgs may hold the same id. A found name, a deleted user (404) and a refusal (403) are
 * remembered; a failed connection is asked again next time. Versions show the id alone when no name is
 * to be had.
 */
import { toAppError } from '../../../../shared/errors'
import { getUser, type GenesysClient } from '../../genesys'
import type { GenesysFlowVersion } from './flowsApi'

const MAX_NAMES = 2000
/** Lookups at once: the names of a long history must not starve the rest of the request budget. */
const LOOKUPS_AT_ONCE = 4

export class AuthorNames {
  private readonly names = new Map<string, Promise<string | undefined>>()

  nameOf(profileId: string, client: GenesysClient, userId: string, signal?: AbortSignal): Promise<string | undefined> {
    const key = `${profileId}\n${userId}`
    const hit = this.names.get(key)
    if (hit) return hit
    const answer = getUser(client, userId, signal).then(
      (user) => user.data.name?.trim() || undefined,
      (error: unknown) => {
        const status = toAppError(error).status
        if (status !== 403 && status !== 404) this.names.delete(key)
        return undefined
      },
    )
    if (this.names.size >= MAX_NAMES) this.names.delete(this.names.keys().next().value as string)
    this.names.set(key, answer)
    return answer
  }

  /** The names of the authors the platform sent without one, by user id. */
  async forVersions(
    profileId: string,
    client: GenesysClient,
    versions: GenesysFlowVersion[],
    signal?: AbortSignal,
  ): Promise<Map<string, string>> {
    const ids = [...new Set(versions.flatMap((v) => (v.createdBy && !v.createdBy.name?.trim() ? [v.createdBy.id] : [])))]
    const found = new Map<string, string>()
    for (let i = 0; i < ids.length; i += LOOKUPS_AT_ONCE) {
      const chunk = ids.slice(i, i + LOOKUPS_AT_ONCE)
      const names = await Promise.all(chunk.map((id) => this.nameOf(profileId, client, id, signal)))
      chunk.forEach((id, j) => {
        const name = names[j]
        if (name) found.set(id, name)
      })
    }
    return found
  }
}
