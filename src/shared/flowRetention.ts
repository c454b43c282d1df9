/**
 * The retention policy's choice of versions (issue 13): the versions of the last N days, newest first, at
 * most M of them, only published ones unless the policy says otherwise. Pure, so the screen shows exactly
 * what the core will archive.
 */
import type { RetentionPolicy } from './contract/flows/archive'

const DAY_MS = 24 * 60 * 60 * 1000

/** What the choice needs of a version: its type and the date its timeline places it at (ISO 8601). */
export interface RetentionCandidate {
  type: string
  when?: string
}

/**
 * The versions the policy keeps, newest first. A version without a readable date cannot be placed in
 * the window and is left out; versions of the same date keep their given order.
 */
export function selectVersionsByPolicy<V extends RetentionCandidate>(
  versions: readonly V[],
  policy: RetentionPolicy,
  now: Date | number,
): V[] {
  const nowMs = typeof now === 'number' ? now : now.getTime()
  const from = nowMs - policy.lastDays * DAY_MS
  const dated = versions
    .map((version, index) => ({ version, index, at: dateOf(version) }))
    .filter((entry): entry is { version: V; index: number; at: number } => entry.at !== undefined)
    .filter((entry) => entry.at >= from && (!policy.publishedOnly || entry.version.type === 'PUBLISH'))
  dated.sort((a, b) => b.at - a.at || a.index - b.index)
  return dated.slice(0, policy.maxVersions).map((entry) => entry.version)
}

function dateOf(version: RetentionCandidate): number | undefined {
  if (!version.when) return undefined
  const at = Date.parse(version.when)
  return Number.isFinite(at) ? at : undefined
}
