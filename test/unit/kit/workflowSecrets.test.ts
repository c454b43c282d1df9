import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkflowSecrets, workflowSecretsKey } from '../../../src/main/core/kit'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { openConfSettings, settingsFilePath } from '../../../src/main/core/settings/openSettings'
import type { SecretBox } from '../../../src/main/core/types'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function settingsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-secrets-'))
  dirs.push(dir)
  return dir
}

/** A box that really transforms what it seals (reversed base64 with a tag), so the file never holds the plain text. */
function recordingBox(): SecretBox & { sealed: string[] } {
  const sealed: string[] = []
  return {
    sealed,
    status: () => ({ encrypted: true, backend: 'test' }),
    seal: (plain) => {
      sealed.push(plain)
      return 'box:' + Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')
    },
    open: (value) => {
      if (!value.startsWith('box:')) throw new Error('sealed by another box')
      return Buffer.from(value.slice(4).split('').reverse().join(''), 'base64').toString('utf8')
    },
  }
}

describe('workflow secrets', () => {
  it("seals a secret through the secret box, stores it under the workflow's key, and opens it after a restart", () => {
    const dir = settingsDir()
    const box = recordingBox()
    const secrets = createWorkflowSecrets(openConfSettings(dir), box, 'webhooks')
    expect(secrets.open('signing-1')).toBeUndefined()
    secrets.seal('signing-1', 'whsec_very-secret')
    expect(box.sealed).toHaveLength(1)

    const file = readFileSync(settingsFilePath(dir), 'utf8')
    expect(file).not.toContain('whsec_very-secret')
    expect(Object.keys(JSON.parse(file).workflowSecrets.webhooks)).toEqual(['signing-1'])
    expect(workflowSecretsKey('webhooks')).toBe('workflowSecrets.webhooks')

    const reopened = createWorkflowSecrets(openConfSettings(dir), box, 'webhooks')
    expect(reopened.has('signing-1')).toBe(true)
    expect(reopened.open('signing-1')).toBe('whsec_very-secret')
    reopened.remove('signing-1')
    expect(reopened.has('signing-1')).toBe(false)
    expect(reopened.open('signing-1')).toBeUndefined()
  })

  it("keeps each workflow's secrets apart, and a sealed value moved to another name or workflow does not open", () => {
    const dir = settingsDir()
    const settings = openConfSettings(dir)
    const box = createPlainSecretBox()
    const webhooks = createWorkflowSecrets(settings, box, 'webhooks')
    const archives = createWorkflowSecrets(settings, box, 'archives')
    webhooks.seal('a', 'first')
    expect(archives.has('a')).toBe(false)

    const stored = settings.get('workflowSecrets.webhooks') as Record<string, string>
    settings.set('workflowSecrets.webhooks', { ...stored, b: stored.a })
    settings.set('workflowSecrets.archives', { a: stored.a })
    expect(() => webhooks.open('b')).toThrowError(
      expect.objectContaining({ code: 'settings', message: expect.stringContaining('sealed for “a” of webhooks') }),
    )
    expect(() => archives.open('a')).toThrowError(expect.objectContaining({ code: 'settings', hint: expect.stringContaining('again') }))
    expect(webhooks.open('a')).toBe('first')
  })

  it('says plainly when a secret was sealed by another box, and refuses names that are not names', () => {
    const dir = settingsDir()
    createWorkflowSecrets(openConfSettings(dir), recordingBox(), 'webhooks').seal('k', 'v')
    const elsewhere = createWorkflowSecrets(openConfSettings(dir), createPlainSecretBox(), 'webhooks')
    expect(() => elsewhere.open('k')).toThrowError(
      expect.objectContaining({ name: 'AppError', code: 'settings', message: expect.stringContaining('cannot be read') }),
    )
    expect(() => elsewhere.seal('has.dot', 'v')).toThrowError(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => elsewhere.seal('ok', '')).toThrowError(expect.objectContaining({ code: 'invalid_input' }))
  })
})
