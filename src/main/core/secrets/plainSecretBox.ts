import type { SecretBox } from '../types'
import { PLAIN_PREFIX } from './sealedValue'

/**
 * For the web shell and plain Node, where no OS keychain is reachable: secrets are stored as
 * base64, which is not encryption. status() says so, and Connections shows the warning.
 */
export function createPlainSecretBox(): SecretBox {
  return {
    status: () => ({
      encrypted: false,
      backend: 'none (web shell)',
      warning:
        'Client secrets are stored unencrypted in the settings file on this machine. Use the desktop app for OS-encrypted storage, or keep this machine’s data folder private.',
    }),
    seal: (plain) => PLAIN_PREFIX + Buffer.from(plain, 'utf8').toString('base64'),
    open: (sealed) => {
      if (!sealed.startsWith(PLAIN_PREFIX))
        throw new Error('This secret was sealed by another secret store (the desktop app); enter it again here.')
      return Buffer.from(sealed.slice(PLAIN_PREFIX.length), 'base64').toString('utf8')
    },
  }
}
