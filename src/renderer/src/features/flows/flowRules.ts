import type { FlowRow, RetentionPolicy } from '../../../../shared/contract/flows'

/** A flow the client may not read cannot be archived or exported: it is listed with why, not offered. */
export function canArchive(flow: Pick<FlowRow, 'problems'>): boolean {
  return !flow.problems.some((problem) => problem.kind === 'denied')
}

/**
 * The ticks are the policy's own choice when "Select by policy" made them, nothing was ticked or unticked
 * since, and the policy is still the same: the archive run is then one by policy (the core applies it again).
 */
export function ticksArePolicyChoice(ticksFrom: RetentionPolicy | null, policy: RetentionPolicy | undefined): boolean {
  if (!ticksFrom || !policy) return false
  return (
    ticksFrom.lastDays === policy.lastDays &&
    ticksFrom.maxVersions === policy.maxVersions &&
    ticksFrom.publishedOnly === policy.publishedOnly
  )
}
