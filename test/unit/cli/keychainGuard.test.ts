import { describe, expect, it } from 'vitest'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { auditKeyGuard, refuseKeychainProfile } from '../../../src/cli/keychainGuard'
import type { CliHost } from '../../../src/cli/cliHost'

const node: CliHost = { name: 'node', secretBox: createPlainSecretBox() }
const electron: CliHost = { name: 'electron', secretBox: createPlainSecretBox() }
const locked = { keychainSealed: true, problem: 'The audit key cannot be unsealed (keychain locked).' }

describe('the audit key the command line accepts', () => {
  it('refuses a keychain-sealed key it cannot sign with: in Node, naming the installed switchboard', () => {
    expect(() => auditKeyGuard(node, '/data')(locked)).toThrow(
      expect.objectContaining({ code: 'keychain_unavailable', hint: expect.stringMatching(/installed with the desktop app.*--data/) }),
    )
  })

  it('in Electron (keychain locked), with the key’s own problem and an unlock hint', () => {
    expect(() => auditKeyGuard(electron, '/data')(locked)).toThrow(
      expect.objectContaining({
        code: 'keychain_unavailable',
        message: expect.stringContaining('keychain locked'),
        hint: expect.stringMatching(/Unlock/),
      }),
    )
  })

  it('accepts a key it can sign with, and one no keychain sealed (an altered key is verify’s to report)', () => {
    expect(() => auditKeyGuard(node, '/data')({ keychainSealed: true, signer: {} })).not.toThrow()
    expect(() => auditKeyGuard(node, '/data')({ keychainSealed: false, problem: 'The audit key file was altered' })).not.toThrow()
  })
})

describe('the stored profiles the command line uses', () => {
  it('refuses in Node a secret the keychain sealed, and nothing else', () => {
    expect(() => refuseKeychainProfile(node, { name: 'Production' }, 'safe:AAAA')).toThrow(
      expect.objectContaining({ code: 'keychain_unavailable', hint: expect.stringContaining('GENESYSCLOUD_*') }),
    )
    expect(() => refuseKeychainProfile(node, { name: 'Lab' }, 'plain:AAAA')).not.toThrow()
    expect(() => refuseKeychainProfile(node, { name: 'Empty' }, undefined)).not.toThrow()
    expect(() => refuseKeychainProfile(electron, { name: 'Production' }, 'safe:AAAA')).not.toThrow()
  })
})
