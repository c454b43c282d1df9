import { UPLOAD_SETTINGS_DEFAULTS, UploadSettings } from '../../../shared/contract/uploads'
import { toAppError } from '../../../shared/errors'
import type { SettingsBackend } from '../types'

const KEY = 'uploads'

/** The upload settings, kept with the app's other settings; anything unusable falls back to its default. */
export class UploadSettingsStore {
  constructor(private readonly backend: SettingsBackend) {}

  get(): UploadSettings {
    const stored = this.backend.get(KEY)
    const raw = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {}
    const settings: UploadSettings = { ...UPLOAD_SETTINGS_DEFAULTS, allowedTypes: [...UPLOAD_SETTINGS_DEFAULTS.allowedTypes] }
    for (const key of Object.keys(UploadSettings.shape) as (keyof UploadSettings)[]) {
      const parsed = UploadSettings.shape[key].safeParse(raw[key])
      if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data
    }
    return settings
  }

  set(patch: Partial<UploadSettings>): UploadSettings {
    const next = UploadSettings.safeParse({ ...this.get(), ...patch })
    if (!next.success) throw toAppError(next.error)
    const allowedTypes = [...new Set(next.data.allowedTypes)]
    const settings = { ...next.data, allowedTypes }
    this.backend.set(KEY, settings)
    return settings
  }
}
