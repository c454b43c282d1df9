import { MIB_BYTES, type AuditSettings } from '../../../shared/contract/audit'

/** Settings key of the audit log's retention (segment size, closed segments kept). */
export const AUDIT_SETTINGS_KEY = 'auditRetention'

export const segmentBytesOf = (settings: AuditSettings): number => settings.maxSegmentMiB * MIB_BYTES
