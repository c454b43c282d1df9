/**
 * Prompts (issue 14): drag in IVR prompt recordings, uploaded the way Architect takes them. One workflow
 * of three parts (plan, batch, library), each in its own folder; this file only puts them together.
 * Registered in core/workflows.ts.
 */
import { promptMethods } from '../../../shared/contract/prompts'
import { defineWorkflow } from '../kit'
import type { Workflow } from '../workflow'
import { createBatchPart } from './batch'
import { createLibraryPart } from './library'
import { createPlanPart } from './plan'

export const promptsWorkflow = defineWorkflow(promptMethods, async (services) => {
  const plan = await createPlanPart(services)
  const batch = await createBatchPart(services, { planOf: (id) => plan.planOf(id) })
  const library = await createLibraryPart(services)
  const parts: Omit<Workflow, 'handlers'>[] = [plan, batch, library]
  return {
    handlers: { ...plan.handlers, ...batch.handlers, ...library.handlers },
    jobKinds: parts.flatMap((part) => part.jobKinds ?? []),
    start: async () => {
      for (const part of parts) await part.start?.()
    },
    close: async () => {
      for (const part of [...parts].reverse()) await part.close?.()
    },
  }
})
