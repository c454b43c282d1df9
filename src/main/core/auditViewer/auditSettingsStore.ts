import { AUDIT_SETTINGS_DEFAULTS, AuditSettingsSchema, MIB_BYTES, type AuditSettings } from '../../../shared/contract/audit'
import { toAppError } from '../../../shared/errors'
import type { SettingsBackend } from '../types'

const KEY = 'auditRetention'

/** Retention settings of the audit log, kept with the app's other settings; unusable values fall back to defaults. */
export class AuditSettingsStore {
  constructor(private readonly backend: SettingsBackend) {}

  get(): AuditSettings {
    const stored = this.backend.get(KEY)
    const raw = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {}
    const settings: AuditSettings = { ...AUDIT_SETTINGS_DEFAULTS }
    for (const key of Object.keys(AuditSettingsSchema.shape) as (keyof AuditSettings)[]) {
      const parsed = AuditSettingsSchema.shape[key].safeParse(raw[key])
      if (parsed.success && raw[key] !== undefined) (settings as Record<string, unknown>)[key] = parsed.data
    }
    return settings
  }

  set(next: AuditSettings): AuditSettings {
    const parsed = AuditSettingsSchema.safeParse(next)
    if (!parsed.success) throw toAppError(parsed.error)
    this.backend.set(KEY, parsed.data)
    return parsed.data
  }
}

export const segmentBytesOf = (settings: AuditSettings): number => settings.maxSegmentMiB * MIB_BYTES
