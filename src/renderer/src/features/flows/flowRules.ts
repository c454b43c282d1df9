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

/** The list with `view` in place of the item of its id, or first when it is new (the newest run leads). */
export function upsertById<T extends { id: string }>(list: T[], view: T): T[] {
  const index = list.findIndex((item) => item.id === view.id)
  if (index === -1) return [view, ...list]
  const next = list.slice()
  next[index] = view
  return next
}

/** The list with `view` first when it is not in it yet; an entry already there (newer, from a signal) stays. */
export function addIfNew<T extends { id: string }>(list: T[], view: T): T[] {
  return list.some((item) => item.id === view.id) ? list : [view, ...list]
}
