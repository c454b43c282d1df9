/** What every workflow is built from (see shared/design.md, "kit/"). */
export {
  defineWorkflow,
  areaOf,
  type ContractMethods,
  type DefinedWorkflow,
  type WorkflowHandlers,
  type WorkflowParts,
} from './defineWorkflow'
export { createAuditScope, SYSTEM_SCOPE, type AuditScope } from './auditScope'
export { settingsSlice, type SettingsSlice, type SettingsSliceOptions } from './settingsSlice'
export { createWorkflowSecrets, workflowSecretsKey, type WorkflowSecrets } from './workflowSecrets'
export { KeyedLock } from './keyedLock'
