import { auditForwardingWorkflow } from './auditForwarding'
import { auditViewerWorkflow } from './auditViewer'
import { dialogsWorkflow } from './dialogs'
import { flowsWorkflow } from './flows'
import type { DefinedWorkflow } from './kit'
import { privacyWorkflow } from './privacy'
import { promptsWorkflow } from './prompts'
import { recordingsWorkflow } from './recordings'
import { schemasWorkflow } from './schemas'
import { uploadsWorkflow } from './uploads'
import { webhooksWorkflow } from './webhooks'

/**
 * Every workflow the core runs, in the order they start. A workflow is one folder under core/ whose
 * index.ts is a defineWorkflow over its contract file (src/shared/contract/); adding one is one line here.
 */
export const WORKFLOWS = [
  uploadsWorkflow,
  schemasWorkflow,
  privacyWorkflow,
  recordingsWorkflow,
  flowsWorkflow,
  promptsWorkflow,
  auditViewerWorkflow,
  dialogsWorkflow,
  webhooksWorkflow,
  auditForwardingWorkflow,
] as const

/** Every method some workflow in WORKFLOWS handles; createCore must handle the rest itself (a type error otherwise). */
export type WorkflowMethodName = (typeof WORKFLOWS)[number] extends infer W ? (W extends DefinedWorkflow<infer M> ? keyof M : never) : never
