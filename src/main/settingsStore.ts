/**
 * Settings for the Electron shell, kept by electron-store in the app's data folder (same file name as
 * the core's conf backend, so both shells read one file).
 *
 * A settings file that is not a JSON object (torn write, hand edit, disk error) must neither crash the
 * app nor be silently replaced. openElectronStore refuses such a file with a clear error; the core's
 * openSettingsSafely (used by createCore, and by openElectronSettings below) then keeps the file as
 * `config.corrupt-<timestamp>.json`, starts with defaults and returns a Notice.
 */
import ElectronStore from 'electron-store'
import type { Notice } from '../shared/api'
import {
  SETTINGS_FILE_NAME,
  assertSettingsFileUsable,
  guardSettings,
  openSettingsSafely,
  settingsFilePath,
} from './core/settings/openSettings'
import type { SettingsBackend } from './core/types'

export interface OpenedSettings {
  backend: SettingsBackend
  /** Present when the file on disk was unreadable and has been kept aside as a backup. */
  notice?: Notice
}

/** Opens (and quarantines if needed) the settings in dataDir; what createCore does with openElectronStore. */
export function openElectronSettings(dataDir: string, now: () => Date = () => new Date()): OpenedSettings {
  const { settings, notice } = openSettingsSafely(dataDir, openElectronStore, now)
  return notice ? { backend: settings, notice } : { backend: settings }
}

/** The backend for CoreDeps.openSettings: throws SettingsFileUnreadable instead of resetting a bad file. */
export function openElectronStore(dataDir: string): SettingsBackend {
  assertSettingsFileUsable(settingsFilePath(dataDir))
  const store = new ElectronStore<Record<string, unknown>>({
    cwd: dataDir,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: false,
    // Sealed secrets live here: readable by this user only.
    configFileMode: 0o600,
  })
  return guardSettings(store)
}

export { SettingsFileUnreadable } from './core/settings/openSettings'
