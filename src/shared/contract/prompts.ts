/**
 * Prompts (issue 14): drag in IVR prompt recordings and upload them the way Architect takes them
 * (multipart/form-data to the resource's uploadUri). Each part's declarations are in ./prompts/<part>.ts;
 * spread into src/shared/api.ts.
 */
import { promptBatchAppEvents, promptBatchMethods, promptBatchSignals } from './prompts/batch'
import { promptLibraryMethods } from './prompts/library'
import { promptPlanMethods } from './prompts/plan'

export * from './prompts/common'
export * from './prompts/plan'
export * from './prompts/batch'
export * from './prompts/library'

export const promptMethods = { ...promptPlanMethods, ...promptBatchMethods, ...promptLibraryMethods }
export const promptSignals = { ...promptBatchSignals }
export const promptAppEvents = { ...promptBatchAppEvents }
