import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../src/shared/errors'

// electron-store reads app paths and registers an ipcMain listener when constructed in the main process.
const electron = vi.hoisted(() => {
  const module = {
    app: { getPath: () => '/nonexistent-user-data', getVersion: () => '0.1.0' },
    ipcMain: { on: () => undefined },
    shell: { openPath: async () => '' },
  }
  return { module }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

const { SettingsFileUnreadable, openElectronSettings, openElectronStore } = await import('../../src/main/settingsStore')

const GARBAGE = '{"profiles": [{"id": "p1", "name": "Prod EU"'
const FIXED_NOW = () => new Date('2025-03-04T05:06:07.089Z')
const BACKUP_NAME = 'config.corrupt-2025-03-04T05-06-07-089Z.json'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-settings-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('electron-store settings', () => {
  it('stores and reads values in config.json in the data folder, readable by this user only', () => {
    const { backend, notice } = openElectronSettings(dir, FIXED_NOW)
    expect(notice).toBeUndefined()
    expect(backend.get('activeProfile')).toBeUndefined()
    backend.set('activeProfile', 'sandbox')
    expect(backend.path).toBe(join(dir, 'config.json'))
    expect(openElectronSettings(dir).backend.get('activeProfile')).toBe('sandbox')
    if (process.platform !== 'win32') expect(statSync(backend.path).mode & 0o777).toBe(0o600)
  })

  it('forgets a key set to undefined', () => {
    const { backend } = openElectronSettings(dir)
    backend.set('k', 1)
    backend.set('k', undefined)
    expect(backend.get('k')).toBeUndefined()
  })

  it('keeps a corrupt file as a backup, starts with defaults and says so', () => {
    writeFileSync(join(dir, 'config.json'), GARBAGE)
    const { backend, notice } = openElectronSettings(dir, FIXED_NOW)

    const backup = join(dir, BACKUP_NAME)
    expect(readFileSync(backup, 'utf8')).toBe(GARBAGE)
    expect(backend.get('profiles')).toBeUndefined()
    expect(notice?.level).toBe('error')
    expect(notice?.message).toMatch(/settings file could not be read/)
    expect(notice?.message).toMatch(/default settings/)
    expect(notice?.hint).toContain(backup)

    backend.set('activeProfile', 'sandbox')
    expect(readFileSync(backup, 'utf8')).toBe(GARBAGE)
  })

  it.each([
    ['null', 'null'],
    ['an array', '[1, 2]'],
    ['an empty file', ''],
  ])('treats %s as corrupt rather than silently empty', (_what, content) => {
    writeFileSync(join(dir, 'config.json'), content)
    const { notice } = openElectronSettings(dir, FIXED_NOW)
    expect(notice).toBeDefined()
    expect(readFileSync(join(dir, BACKUP_NAME), 'utf8')).toBe(content)
  })

  it('the backend given to the core refuses a corrupt file without touching it', () => {
    writeFileSync(join(dir, 'config.json'), GARBAGE)
    expect(() => openElectronStore(dir)).toThrow(SettingsFileUnreadable)
    expect(() => openElectronStore(dir)).toThrow(/not valid JSON/)
    expect(readdirSync(dir)).toEqual(['config.json'])
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(GARBAGE)
  })

  it('reports a file damaged while running as a settings error, not a crash', () => {
    const { backend } = openElectronSettings(dir)
    backend.set('activeProfile', 'sandbox')
    writeFileSync(backend.path, GARBAGE)
    expect(() => backend.get('activeProfile')).toThrow(AppError)
    try {
      backend.get('activeProfile')
    } catch (error) {
      expect((error as AppError).code).toBe('settings')
      expect((error as AppError).hint).toMatch(/Restart Switchboard/)
    }
    expect(existsSync(backend.path)).toBe(true)
  })
})
