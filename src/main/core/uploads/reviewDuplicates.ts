import type { DuplicateFlag, DuplicateReview } from '../../../shared/contract/uploads'
import type { GenesysClient } from '../genesys'
import type { DuplicateIndex } from './duplicates'
import type { HashPool } from './hashing/hashPool'
import type { OrgDirectory } from './orgDirectory'

export interface DuplicateReviewDeps {
  hashes: HashPool
  duplicates: DuplicateIndex
  orgs: OrgDirectory
  /** The client of the profile a Start would upload with. */
  activeClient(): GenesysClient
}

/**
 * Before Start: the same key the upload job uses to skip a file (org id + SHA-256 of the content, in
 * uploaded.jsonl), plus files of the list whose content is the same as an earlier one in it.
 */
export async function reviewDuplicates(paths: string[], deps: DuplicateReviewDeps): Promise<DuplicateReview> {
  const orgId = await deps.orgs
    .identify(deps.activeClient())
    .then((org) => org.id)
    .catch(() => undefined)
  const firstWith = new Map<string, string>()
  const flags: DuplicateFlag[] = []
  for (const path of paths) {
    const sha256 = await deps.hashes.hashFile(path).then(
      (digest) => digest.sha256,
      () => undefined,
    )
    if (!sha256) continue // unreadable now: the upload reports it with its reason
    const previous = orgId ? deps.duplicates.find(orgId, sha256) : undefined
    const earlier = firstWith.get(sha256)
    if (previous) flags.push({ path, where: 'org', of: previous.fileName, uploadedAt: previous.uploadedAt })
    else if (earlier) flags.push({ path, where: 'list', of: nameOf(earlier) })
    if (!earlier) firstWith.set(sha256, path)
  }
  return { flags, orgChecked: orgId !== undefined }
}

function nameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}
