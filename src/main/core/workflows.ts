import { createAuditViewerWorkflow } from './auditViewer'
import { createDialogsWorkflow } from './dialogs'
import { createPrivacyWorkflow } from './privacy'
import { createSchemasWorkflow } from './schemas'
import { createUploadsWorkflow } from './uploads'
import type { WorkflowFactory } from './workflow'

/**
 * Every workflow the core runs, in the order they start. A workflow is one folder under core/ with a
 * factory (see workflow.ts); adding one is one line here plus its methods in src/shared/contract/.
 */
export const WORKFLOWS: WorkflowFactory[] = [createUploadsWorkflow, createSchemasWorkflow, createPrivacyWorkflow, createAuditViewerWorkflow, createDialogsWorkflow]
