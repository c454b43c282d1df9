import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../src/shared/errors'

// secrets.ts takes safeStorage as an argument; the mock only guarantees the real module never loads.
vi.mock('electron', () => ({ default: {} }))

const { OBFUSCATED_WARNING, UNENCRYPTED_WARNING, createSafeStorageSecretBox } = await import('../../src/main/secrets')

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

/** A stand-in for Electron's safeStorage: a reversible transform that never leaves the plain text visible. */
function fakeSafeStorage(options: { available: boolean; backend?: Backend }) {
  const state = { available: options.available }
  return {
    state,
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: (): Backend => options.backend ?? 'gnome_libsecret',
    encryptString: (plain: string) => {
      if (!state.available) throw new Error('Encryption is not available.')
      return Buffer.from(`enc(${Buffer.from(plain).toString('hex')})`)
    },
    decryptString: (sealed: Buffer) => {
      const match = /^enc\(([0-9a-f]*)\)$/.exec(sealed.toString())
      if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return Buffer.from(match[1], 'hex').toString()
    },
  }
}

const SECRET = 'S3cr3t-client-secret-value'

describe('safeStorage secret box status', () => {
  it('warns that secrets are only obfuscated when the Linux backend is basic_text', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage({ available: true, backend: 'basic_text' }), 'linux')
    expect(box.status()).toEqual({ encrypted: false, backend: 'basic_text', warning: OBFUSCATED_WARNING })
    expect(OBFUSCATED_WARNING).toMatch(/only obfuscated on this machine: install a keyring such as gnome-keyring or KWallet/)
  })

  it('reports real encryption with the keyring it uses', () => {
    expect(createSafeStorageSecretBox(fakeSafeStorage({ available: true, backend: 'kwallet6' }), 'linux').status()).toEqual({
      encrypted: true,
      backend: 'kwallet6',
    })
    expect(createSafeStorageSecretBox(fakeSafeStorage({ available: true }), 'darwin').status()).toEqual({
      encrypted: true,
      backend: 'keychain',
    })
    expect(createSafeStorageSecretBox(fakeSafeStorage({ available: true }), 'win32').status()).toEqual({
      encrypted: true,
      backend: 'dpapi',
    })
  })

  it('warns when encryption is unavailable', () => {
    const status = createSafeStorageSecretBox(fakeSafeStorage({ available: false, backend: 'unknown' }), 'linux').status()
    expect(status).toEqual({ encrypted: false, backend: 'unknown', warning: UNENCRYPTED_WARNING })
  })
})

describe('safeStorage secret box sealing', () => {
  it('seals with safeStorage as base64 and opens it again', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage({ available: true }), 'linux')
    const sealed = box.seal(SECRET)
    expect(sealed).toMatch(/^safe:[A-Za-z0-9+/]+=*$/)
    expect(sealed).not.toContain(SECRET)
    expect(box.open(sealed)).toBe(SECRET)
  })

  it('still stores a secret without a keyring, marked as plain, and opens it later when a keyring appears', () => {
    const storage = fakeSafeStorage({ available: false })
    const box = createSafeStorageSecretBox(storage, 'linux')
    const sealed = box.seal(SECRET)
    expect(sealed.startsWith('plain:')).toBe(true)
    storage.state.available = true
    expect(box.open(sealed)).toBe(SECRET)
  })

  it('explains why an encrypted secret cannot be opened when the keyring is gone', () => {
    const storage = fakeSafeStorage({ available: true })
    const box = createSafeStorageSecretBox(storage, 'linux')
    const sealed = box.seal(SECRET)
    storage.state.available = false
    expect(() => box.open(sealed)).toThrow(AppError)
    expect(() => box.open(sealed)).toThrow(/keyring that encrypted it is not available/)
  })

  it('refuses a value it did not write, or one the keyring cannot decrypt', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage({ available: true }), 'linux')
    expect(() => box.open('c2VjcmV0')).toThrow(/not in a format Switchboard wrote/)
    expect(() => box.open('safe:' + Buffer.from('garbage').toString('base64'))).toThrow(/could not decrypt/)
  })
})
