import { RETENTION_POLICY_DEFAULTS } from '../../../../shared/contract/flows'
import { selectVersionsByPolicy } from '../../../../shared/flowRetention'
import type { ArchiveJobParams } from './archiveJob'
import type { SelectedVersion } from './archiveRecord'

/** The versions this archive takes, newest first: the hand-picked ones (and which of them the history lacks), or the policy's. */
export function chooseVersions(
  history: SelectedVersion[],
  params: Pick<ArchiveJobParams, 'selection' | 'policy' | 'versionIds'>,
  now: Date,
): { versions: SelectedVersion[]; missing: string[] } {
  if (params.selection === 'manual') {
    const wanted = new Set(params.versionIds ?? [])
    const versions = history.filter((version) => wanted.has(version.id))
    const found = new Set(versions.map((version) => version.id))
    return { versions, missing: [...wanted].filter((id) => !found.has(id)) }
  }
  return { versions: selectVersionsByPolicy(history, params.policy ?? RETENTION_POLICY_DEFAULTS, now), missing: [] }
}
