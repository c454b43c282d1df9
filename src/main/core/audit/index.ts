export { openAuditLog, SYSTEM_PROFILE } from './auditLog'
export type { AuditInput, AuditLog, AuditStartupReport, OpenAuditLogOptions } from './auditLog'
export { GENESIS_HASH, hashLine, serializeAuditEntry, parseAuditLine } from './auditLine'
export { isForbiddenDetailKey, describeSecretValue } from './auditGuard'
