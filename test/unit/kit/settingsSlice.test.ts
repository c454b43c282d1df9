import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../../../src/shared/api'
import { AUDIT_SETTINGS_DEFAULTS, AuditSettingsSchema } from '../../../src/shared/contract/audit'
import { UPLOAD_SETTINGS_DEFAULTS, UploadSettings } from '../../../src/shared/contract/uploads'
import { settingsSlice } from '../../../src/main/core/kit'
import { openConfSettings, settingsFilePath } from '../../../src/main/core/settings/openSettings'
import { withUniqueTypes } from '../../../src/main/core/uploads/uploadSettings'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A real settings file (conf) holding `stored`. */
function settingsWith(stored: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-slice-'))
  dirs.push(dir)
  writeFileSync(settingsFilePath(dir), JSON.stringify(stored))
  return { backend: openConfSettings(dir), file: settingsFilePath(dir) }
}

describe('settingsSlice', () => {
  it('reads defaults when nothing is stored, without a notice, and never hands out the defaults object itself', () => {
    const notices: Notice[] = []
    const slice = settingsSlice(settingsWith({}).backend, 'uploads', UploadSettings, UPLOAD_SETTINGS_DEFAULTS, {
      onInvalid: (n) => notices.push(n),
    })
    const read = slice.get()
    expect(read).toEqual(UPLOAD_SETTINGS_DEFAULTS)
    read.allowedTypes.push('wav')
    expect(UPLOAD_SETTINGS_DEFAULTS.allowedTypes).toEqual(['wav', 'mp3', 'm4a', 'ogg'])
    expect(notices).toEqual([])
  })

  it('keeps the valid fields of a hand-edited value, reads the bad ones as defaults, and says so once', () => {
    const notices: Notice[] = []
    const { backend } = settingsWith({ auditRetention: { maxSegmentMiB: 'huge', keepClosedSegments: 7 } })
    const slice = settingsSlice(backend, 'auditRetention', AuditSettingsSchema, AUDIT_SETTINGS_DEFAULTS, {
      onInvalid: (n) => notices.push(n),
    })
    expect(slice.get()).toEqual({ maxSegmentMiB: AUDIT_SETTINGS_DEFAULTS.maxSegmentMiB, keepClosedSegments: 7 })
    expect(slice.get().keepClosedSegments).toBe(7)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ id: 'settings-invalid-auditRetention', level: 'warning' })
    expect(notices[0].message).toContain('maxSegmentMiB')
    expect(notices[0].hint).toBeTruthy()
  })

  it('reads a stored value that is not an object at all as the defaults, with a notice', () => {
    const notices: Notice[] = []
    const slice = settingsSlice(settingsWith({ uploads: 'fast please' }).backend, 'uploads', UploadSettings, UPLOAD_SETTINGS_DEFAULTS, {
      onInvalid: (n) => notices.push(n),
    })
    expect(slice.get()).toEqual(UPLOAD_SETTINGS_DEFAULTS)
    expect(notices.map((n) => n.id)).toEqual(['settings-invalid-uploads'])
  })

  it('merges a patch, normalizes it and stores it in the settings file', () => {
    const { backend, file } = settingsWith({})
    const slice = settingsSlice(backend, 'uploads', UploadSettings, UPLOAD_SETTINGS_DEFAULTS, { normalize: withUniqueTypes })
    expect(slice.set({ allowedTypes: ['wav', 'mp3', 'wav'], concurrency: 5 })).toEqual({
      maxFileBytes: UPLOAD_SETTINGS_DEFAULTS.maxFileBytes,
      allowedTypes: ['wav', 'mp3'],
      concurrency: 5,
    })
    expect(JSON.parse(readFileSync(file, 'utf8')).uploads).toEqual({
      maxFileBytes: UPLOAD_SETTINGS_DEFAULTS.maxFileBytes,
      allowedTypes: ['wav', 'mp3'],
      concurrency: 5,
    })
  })

  it('refuses an invalid patch with an AppError naming the field, and stores nothing', () => {
    const { backend, file } = settingsWith({ uploads: { concurrency: 4 } })
    const slice = settingsSlice(backend, 'uploads', UploadSettings, UPLOAD_SETTINGS_DEFAULTS)
    expect(() => slice.set({ concurrency: 99 })).toThrowError(
      expect.objectContaining({ name: 'AppError', code: 'invalid_input', message: expect.stringContaining('concurrency') }),
    )
    expect(JSON.parse(readFileSync(file, 'utf8')).uploads).toEqual({ concurrency: 4 })
    expect(slice.get().concurrency).toBe(4)
  })
})
