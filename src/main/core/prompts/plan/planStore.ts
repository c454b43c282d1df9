/**
 * Plans live in memory between the review and Start: the last 20, for an hour. A plan older than that
 * is gone (the files or the org may have changed): Start asks for a new review.
 */
import type { PromptPlan } from '../../../../shared/contract/prompts'

export const PLANS_KEPT = 20
export const PLAN_LIFETIME_MS = 60 * 60 * 1000

export class PlanStore {
  /** In insertion order: the oldest first. */
  private readonly plans = new Map<string, { plan: PromptPlan; at: number }>()

  constructor(private readonly now: () => number) {}

  add(plan: PromptPlan): void {
    this.plans.set(plan.id, { plan, at: this.now() })
    for (const id of this.plans.keys()) {
      if (this.plans.size <= PLANS_KEPT) break
      this.plans.delete(id)
    }
  }

  get(id: string): PromptPlan | undefined {
    const kept = this.plans.get(id)
    if (!kept) return undefined
    if (this.now() - kept.at > PLAN_LIFETIME_MS) {
      this.plans.delete(id)
      return undefined
    }
    return kept.plan
  }
}
