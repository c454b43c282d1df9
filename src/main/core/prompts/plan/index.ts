/** The review before a batch: files and a CSV manifest mapped to prompts and languages, checked, compared with the org. */
import { promptPlanMethods, type PromptPlan } from '../../../../shared/contract/prompts'
import { appendAuditEntry } from '../../audit'
import type { WorkflowServices } from '../../workflow'
import type { PromptPart } from '../promptPart'
import { buildPlan } from './buildPlan'
import { DroppedPathGuard } from './droppedPaths'
import { readOrgPrompts } from './orgPrompts'
import { PlanStore } from './planStore'

export { PLAN_LIFETIME_MS, PLANS_KEPT } from './planStore'

/** However many pages the org has, a review gives up on it after this and says so. */
const ORG_LISTING_TIMEOUT_MS = 60_000

export type PlanPart = PromptPart<typeof promptPlanMethods> & {
  /** A plan made in the last hour (one of the last 20), for Start; undefined when it is gone. */
  planOf(id: string): PromptPlan | undefined
}

export async function createPlanPart(services: WorkflowServices): Promise<PlanPart> {
  const plans = new PlanStore(() => services.now().getTime())
  const guard = new DroppedPathGuard(services.dataDir)
  return {
    planOf: (id) => plans.get(id),
    handlers: {
      'prompts.plan': async (input) => {
        const profileId = services.profiles.activeId()
        const plan = await buildPlan(input, {
          guard,
          now: services.now,
          orgPrompts: () => readOrgPrompts(services.connections.clientFor(profileId).client, AbortSignal.timeout(ORG_LISTING_TIMEOUT_MS)),
        })
        plans.add(plan)
        appendAuditEntry(services.audit, await services.scope(profileId), 'prompt.plan', `plan:${plan.id}`, 'ok', countsOf(plan))
        return plan
      },
    },
  }
}

/** Counts only: file names and prompt names stay out of the audit log's plan entry. */
function countsOf(plan: PromptPlan): Record<string, number | boolean> {
  const count = (action: string) => plan.items.filter((item) => item.action === action).length
  return {
    files: plan.items.length,
    create: count('create'),
    addLanguage: count('add-language'),
    replace: count('replace'),
    refused: count('refused'),
    ignored: plan.ignored.length,
    manifestRows: plan.manifest?.rows ?? 0,
    manifestProblems: plan.manifest?.problems.length ?? 0,
    orgChecked: plan.orgChecked,
  }
}
