/**
 * The Electron secret box: client secrets sealed with safeStorage (Keychain, DPAPI, libsecret/KWallet).
 *
 * When the OS cannot encrypt (no keyring on Linux) we still store the secret, marked as plain and with
 * a warning that Connections shows: refusing would leave an admin on a minimal Linux box unable to
 * reach any real org at all, and the warning lets them choose (install a keyring, or accept it).
 * The settings file that holds sealed secrets is written 0600 (see settingsStore.ts).
 */
import type { SafeStorage } from 'electron'
import { AppError } from '../shared/errors'
import type { SecretStorageStatus } from '../shared/api'
import { KEYCHAIN_PREFIX, PLAIN_PREFIX } from './core/secrets/sealedValue'
import type { SecretBox } from './core/types'

export const OBFUSCATED_WARNING = 'Secrets are only obfuscated on this machine: install a keyring such as gnome-keyring or KWallet'
export const UNENCRYPTED_WARNING =
  'Secrets are stored unencrypted on this machine because the system keyring is unavailable: install or unlock a keyring such as gnome-keyring or KWallet'

// Sealed values say how they were sealed, so a secret stored without a keyring still opens later.
const ENCRYPTED_PREFIX = KEYCHAIN_PREFIX

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>

export function describeSecretStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretStorageStatus {
  const available = safeStorage.isEncryptionAvailable()
  const backend = storageBackendName(safeStorage, platform)
  if (!available) return { encrypted: false, backend, warning: UNENCRYPTED_WARNING }
  if (backend === 'basic_text') return { encrypted: false, backend, warning: OBFUSCATED_WARNING }
  return { encrypted: true, backend }
}

function storageBackendName(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend()
  if (platform === 'darwin') return 'keychain'
  if (platform === 'win32') return 'dpapi'
  return platform
}

export function createSafeStorageSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretBox {
  return {
    status: () => describeSecretStorage(safeStorage, platform),
    seal(plain) {
      if (!safeStorage.isEncryptionAvailable()) return PLAIN_PREFIX + Buffer.from(plain, 'utf8').toString('base64')
      return ENCRYPTED_PREFIX + safeStorage.encryptString(plain).toString('base64')
    },
    open(sealed) {
      if (sealed.startsWith(PLAIN_PREFIX)) return Buffer.from(sealed.slice(PLAIN_PREFIX.length), 'base64').toString('utf8')
      if (!sealed.startsWith(ENCRYPTED_PREFIX)) throw unreadableSecret('it is not in a format Switchboard wrote')
      if (!safeStorage.isEncryptionAvailable()) throw unreadableSecret('the system keyring that encrypted it is not available')
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(ENCRYPTED_PREFIX.length), 'base64'))
      } catch (error) {
        throw unreadableSecret(`the system keyring could not decrypt it (${error instanceof Error ? error.message : String(error)})`)
      }
    },
  }
}

function unreadableSecret(reason: string): AppError {
  return new AppError({
    code: 'settings',
    message: `The stored client secret cannot be read: ${reason}.`,
    hint: 'Unlock your system keyring (gnome-keyring, KWallet, Keychain) and restart Switchboard, or enter the client secret again in Connections.',
  })
}
