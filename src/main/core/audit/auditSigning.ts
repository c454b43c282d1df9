/**
 * The key that signs exported bundles: an Ed25519 key pair made on first use and kept in the audit
 * folder (private key readable by the user only). A signature shows that a bundle was produced by this
 * Switchboard installation and not changed since; it does not identify a person. A reviewer checks it
 * with the public key shipped in the bundle, after comparing that key's fingerprint with the one this
 * installation shows, since anyone could sign a forged bundle with a key of their own.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import { AppError } from '../../../shared/errors'

export const SIGNING_KEY_FILE = 'audit.signing-key.pem'

export interface BundleSigner {
  algorithm: 'Ed25519'
  publicKeyPem: string
  /** SHA-256 of the DER public key: `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`. */
  fingerprint: string
  sign(data: Buffer): Buffer
}

export async function loadOrCreateSigner(path: string): Promise<BundleSigner> {
  const privateKey = await readKey(path) ?? (await createKey(path))
  const publicKey = createPublicKey(privateKey)
  return {
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'),
    sign: (data) => sign(null, data, privateKey),
  }
}

async function readKey(path: string): Promise<KeyObject | undefined> {
  let pem: string
  try {
    pem = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const key = createPrivateKey(pem)
    if (key.asymmetricKeyType === 'ed25519') return key
  } catch {
    // fall through
  }
  throw new AppError({
    code: 'file',
    message: `The bundle signing key ${path} is unreadable.`,
    hint: 'Move the file away to let Switchboard make a new key (bundles signed with the old key can still be checked with the public key inside them).',
  })
}

async function createKey(path: string): Promise<KeyObject> {
  const { privateKey } = generateKeyPairSync('ed25519')
  const fh = await open(path, 'wx', 0o600)
  try {
    await fh.writeFile(privateKey.export({ type: 'pkcs8', format: 'pem' }))
    await fh.sync()
  } finally {
    await fh.close()
  }
  return privateKey
}
