import type { ContractMethods, WorkflowParts } from '../kit'

/** One part of the prompts workflow (plan, batch, library): its handlers, job kinds, start and close. */
export type PromptPart<M extends ContractMethods> = WorkflowParts<M>
