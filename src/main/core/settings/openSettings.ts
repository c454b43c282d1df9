import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import type { Notice } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { FileLock } from '../files/fileLock'
import { parseJsonText } from '../files/parseJsonText'
import type { SettingsBackend } from '../types'

export const SETTINGS_FILE_NAME = 'config'

/** A settings file that exists but cannot be used as settings (torn write, hand edit, disk error). */
export class SettingsFileUnreadable extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(problem)
    this.name = 'SettingsFileUnreadable'
  }
}

/** The subset of conf's API that conf and electron-store share. */
interface ConfLike {
  readonly path: string
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export function settingsFilePath(dir: string): string {
  return join(dir, `${SETTINGS_FILE_NAME}.json`)
}

/** Throws SettingsFileUnreadable when the file is there but not a JSON object. */
export function assertSettingsFileUsable(file: string): void {
  if (!existsSync(file)) return
  const json = parseJsonText(readFileSync(file, 'utf8'))
  if (!json.ok) throw new SettingsFileUnreadable(file, 'not valid JSON')
  const parsed = json.value
  // conf would quietly treat null or an array as empty settings and overwrite them later.
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SettingsFileUnreadable(file, 'the file does not hold a JSON object')
  }
}

/**
 * conf re-reads the file on each access: a file damaged while running becomes a clear error, and a key
 * another process (the command line beside the app) set is seen at the next read. A write is conf's
 * read-change-write of the whole file, so it runs under a lock shared with those processes: neither
 * loses the other's keys.
 */
export function guardSettings(store: ConfLike, lockWaitMs = 5000): SettingsBackend {
  const lock = new FileLock({ path: `${store.path}.lock`, what: 'the settings file', waitMs: lockWaitMs })
  const guard = <T>(action: () => T): T => {
    try {
      return action()
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new AppError({
          code: 'settings',
          message: `The settings file ${store.path} was changed outside Switchboard and is no longer valid JSON.`,
          hint: 'Restart Switchboard: it keeps the damaged file as a backup and starts with default settings. Or fix the file by hand.',
        })
      }
      throw error
    }
  }
  return {
    path: store.path,
    get: (key) => guard(() => store.get(key)),
    // conf refuses undefined values; for settings, undefined means "forget this key".
    set: (key, value) => lock.runSync(() => guard(() => (value === undefined ? store.delete(key) : store.set(key, value)))),
  }
}

export function openConfSettings(dir: string): SettingsBackend {
  assertSettingsFileUsable(settingsFilePath(dir))
  return guardSettings(
    new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false, configFileMode: 0o600 }),
  )
}

/**
 * Opens settings; a file that cannot be parsed is kept as a backup beside it and reported,
 * never silently reset and never a crash. Other errors (permissions, disk) are not "corruption":
 * they propagate so the file is left alone.
 */
export function openSettingsSafely(
  dir: string,
  open: (dir: string) => SettingsBackend = openConfSettings,
  now: () => Date = () => new Date(),
): { settings: SettingsBackend; notice?: Notice } {
  try {
    return { settings: open(dir) }
  } catch (error) {
    const file = settingsFilePath(dir)
    const unreadable = error instanceof SettingsFileUnreadable || error instanceof SyntaxError
    if (!unreadable || !existsSync(file)) throw error
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    const backup = join(dir, `${SETTINGS_FILE_NAME}.corrupt-${stamp}.json`)
    renameSync(file, backup)
    // conf's own SyntaxError quotes the file's text; say only what is wrong with it.
    const reason = error instanceof SettingsFileUnreadable ? error.problem : 'not valid JSON'
    return {
      settings: open(dir),
      notice: {
        id: `settings-corrupt-${stamp}`,
        level: 'error',
        message: `The settings file could not be read (${reason}). Switchboard started with default settings.`,
        hint: `Your old settings are kept unchanged at ${backup}. Profiles from it must be added again; secrets in it stay encrypted.`,
      },
    }
  }
}
