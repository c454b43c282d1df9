import { toAppError } from '../../../shared/errors'
import type { SchemaVersionView } from '../../../shared/contract/schemas'

/** A user's name, or why there is only the id to show. */
export type AuthorName = { name: string } | { note: string }

const MAX_NAMES = 500

/**
 * The names behind createdBy ids, kept per profile (two orgs may hold the same id). A found name, a
 * deleted user (404) and a refusal (403) are remembered; a failed connection is asked again next time.
 */
export class UserNameCache {
  private readonly names = new Map<string, Promise<AuthorName>>()

  nameOf(profileId: string, userId: string, lookup: () => Promise<{ name?: string }>): Promise<AuthorName> {
    const key = `${profileId}\n${userId}`
    const hit = this.names.get(key)
    if (hit) return hit
    const answer = lookup().then(
      (user): AuthorName => (user.name?.trim() ? { name: user.name.trim() } : { note: 'This user has no name in the directory.' }),
      (error: unknown): AuthorName => {
        const appError = toAppError(error)
        if (appError.status !== 403 && appError.status !== 404) this.names.delete(key)
        return { note: noteFor(appError.status, appError.message) }
      },
    )
    if (this.names.size >= MAX_NAMES) this.names.delete(this.names.keys().next().value as string)
    this.names.set(key, answer)
    return answer
  }
}

function noteFor(status: number | undefined, message: string): string {
  if (status === 404) return 'No user has this id any more: the user may have been deleted.'
  if (status === 403)
    return 'The name is hidden: this profile’s OAuth client may not read this user (directory:user:view in their division).'
  return `The name could not be looked up: ${message}`
}

/** Each version with its author's name, or the id and why the name is missing. */
export async function withAuthorNames(
  versions: SchemaVersionView[],
  nameOf: (userId: string) => Promise<AuthorName>,
): Promise<SchemaVersionView[]> {
  const ids = [...new Set(versions.flatMap((v) => (v.createdBy && !v.createdByName ? [v.createdBy] : [])))]
  const names = new Map(await Promise.all(ids.map(async (id) => [id, await nameOf(id)] as const)))
  return versions.map((v) => {
    const author = v.createdBy ? names.get(v.createdBy) : undefined
    if (!author) return v
    return 'name' in author ? { ...v, createdByName: author.name } : { ...v, createdByNote: author.note }
  })
}
