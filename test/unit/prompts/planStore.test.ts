import { describe, expect, it } from 'vitest'
import { PlanStore, PLAN_LIFETIME_MS, PLANS_KEPT } from '../../../src/main/core/prompts/plan/planStore'
import type { PromptPlan } from '../../../src/shared/contract/prompts'

describe('PlanStore', () => {
  const plan = (id: string) => ({ id }) as PromptPlan

  it('keeps the last 20 plans for an hour', () => {
    let now = 0
    const store = new PlanStore(() => now)
    for (let i = 0; i <= PLANS_KEPT; i++) store.add(plan(`p${i}`))
    expect(store.get('p0')).toBeUndefined()
    expect(store.get('p1')?.id).toBe('p1')
    expect(store.get(`p${PLANS_KEPT}`)?.id).toBe(`p${PLANS_KEPT}`)
    now = PLAN_LIFETIME_MS
    expect(store.get('p1')?.id).toBe('p1')
    now = PLAN_LIFETIME_MS + 1
    expect(store.get('p1')).toBeUndefined()
  })
})
