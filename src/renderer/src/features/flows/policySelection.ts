import type { FlowVersionRow, RetentionPolicy } from '../../../../shared/contract/flows'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The versions a retention policy keeps: dated within the last N days (by `when`), published only if asked,
 * newest first, at most M. A stand-in until src/shared/flowRetention.ts (the core's own rule) is merged.
 */
export function selectVersionsByPolicy(versions: FlowVersionRow[], policy: RetentionPolicy, now: number): FlowVersionRow[] {
  const since = now - policy.lastDays * DAY_MS
  return versions
    .filter((v) => !policy.publishedOnly || v.type === 'PUBLISH')
    .filter((v) => v.when !== undefined && Date.parse(v.when) >= since)
    .sort((a, b) => Date.parse(b.when ?? '') - Date.parse(a.when ?? ''))
    .slice(0, policy.maxVersions)
}
