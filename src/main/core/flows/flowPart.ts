import type { ContractMethods, WorkflowParts } from '../kit'

/** One part of the flow archive workflow (browse, archive, verify, compare, exports, remote): its handlers, job kinds, start and close. */
export type FlowPart<M extends ContractMethods> = WorkflowParts<M>
