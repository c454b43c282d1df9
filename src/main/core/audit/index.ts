export { openAuditLog, DEFAULT_MAX_SEGMENT_BYTES } from './auditLog'
export { SYSTEM_PROFILE, SYSTEM_SCOPE, isLegacySystemOrg, type AuditScope } from './auditScope'
export { appendAuditEntry, auditFailure, scopeOfOrigin, type AuditDetail, type AuditEntryArgs, type NamedOrigin } from './workflowEntry'
export type { AuditInput, AuditLog, AuditSegmentInfo, AuditStartupReport, OpenAuditLogOptions } from './auditLog'
export { GENESIS_HASH, hashLine, serializeAuditEntry, parseAuditLine } from './auditLine'
export { isForbiddenDetailKey, describeSecretValue } from './auditGuard'
export { AuditFilterSchema, type AuditFilter } from './auditFilter'
export { AuditQuerySchema, type AuditQuery, type AuditPage } from './auditQuery'
export {
  AuditExportSchema,
  BUNDLE_FORMAT,
  type AuditExportRequest,
  type AuditExportResult,
  type BundleManifest,
  type ExportControl,
} from './auditExport'
export { AuditMetricsSchema, type AuditMetrics, type AuditMetricsRequest, type WorkflowMetrics, type ActivityBucket } from './auditMetrics'
export type { ArchivedSegment } from './auditArchive'
export { CSV_COLUMNS } from './csvFormat'
