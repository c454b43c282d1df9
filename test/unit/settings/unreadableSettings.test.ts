import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConfSettings, openSettingsSafely, settingsFilePath } from '../../../src/main/core/settings/openSettings'
import { AppError } from '../../../src/shared/errors'
import { PERSONAL_TEXT, quotedFragments } from '../../fixtures/personalText'

// A hand edit that pasted someone's details in without quotes: not JSON, and not to be repeated.
const HAND_EDITED = `{"profiles": [{"id": "p1", "name": ${PERSONAL_TEXT}}]}`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-settings-echo-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('a settings file that is not JSON', () => {
  it('is reported at start without quoting its content', () => {
    writeFileSync(settingsFilePath(dir), HAND_EDITED)
    const { notice } = openSettingsSafely(dir)
    expect(notice?.message).toMatch(/not valid JSON/)
    expect(quotedFragments(`${notice?.message} ${notice?.hint}`)).toEqual([])
  })

  it('is reported while running without quoting its content', () => {
    const settings = openConfSettings(dir)
    settings.set('activeProfile', 'sandbox')
    writeFileSync(settings.path, HAND_EDITED)
    let failure: unknown
    try {
      settings.get('activeProfile')
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(AppError)
    const { code, message, hint } = failure as AppError
    expect(code).toBe('settings')
    expect(message).toContain(settings.path)
    expect(message).toMatch(/no longer valid JSON/)
    expect(quotedFragments(`${message} ${hint}`)).toEqual([])
  })
})
