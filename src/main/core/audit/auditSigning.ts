/**
 * The installation's audit key: one Ed25519 key pair made on first start that signs the chain head
 * (audit.head.json) every time it is written, and the manifest of every exported bundle. Its private
 * half is sealed by the shell's SecretBox (the OS keychain through safeStorage in Electron; the web
 * shell's plain box, which says it protects nothing) and kept in audit.key.json, readable by the user
 * only. A signature shows that the head or a bundle was written by this installation; it does not
 * identify a person, and it proves nothing against someone who can unseal the key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { open, readFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { AuditHeadKeyView } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { syncDirectory } from '../files/durableAppender'
import { isKeychainSealed } from '../secrets/sealedValue'
import type { SecretBox } from '../types'

export const AUDIT_KEY_FILE = 'audit.key.json'
/** The unsealed bundle key of earlier versions: replaced by the sealed key, then removed. */
export const LEGACY_SIGNING_KEY_FILE = 'audit.signing-key.pem'
const KEY_FORMAT = 'switchboard-audit-key/1'

const KeyFile = z.object({
  format: z.literal(KEY_FORMAT),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
  sealedPrivateKey: z.string(),
  createdAt: z.string(),
})

/** What anyone may check with: the public half. */
export interface AuditKeyPublic {
  algorithm: 'Ed25519'
  publicKeyPem: string
  /** SHA-256 of the DER public key: `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`. */
  fingerprint: string
  protection: AuditHeadKeyView
  verify(data: Buffer, signature: Buffer): boolean
}

/** The key with its private half unsealed. */
export interface BundleSigner extends AuditKeyPublic {
  sign(data: Buffer): Buffer
}

export interface AuditKeyLoad {
  public: AuditKeyPublic
  /** Absent when the private half cannot be unsealed: nothing can be signed this session. */
  signer?: BundleSigner
  /** Why it cannot sign (keychain locked, key file altered). */
  problem?: string
  /** An OS keychain sealed the private half (whether or not this process could open it). */
  keychainSealed: boolean
  /** The key was made during this start. */
  created: boolean
  /** Fingerprint of the unsealed bundle key of earlier versions, removed now. */
  replacedLegacyFingerprint?: string
}

export async function loadOrCreateAuditKey(dir: string, box: SecretBox): Promise<AuditKeyLoad> {
  const path = join(dir, AUDIT_KEY_FILE)
  const existing = await readKeyFile(path)
  if (existing) return { ...unseal(existing, box), created: false }
  const load = await createKeyFile(path, box).catch(async (error: NodeJS.ErrnoException): Promise<Omit<AuditKeyLoad, 'created'>> => {
    // Another process made it between our read and our create: use theirs.
    if (error.code === 'EEXIST') return unseal((await readKeyFile(path)) as z.infer<typeof KeyFile>, box)
    throw keyError(
      `The audit key ${path} could not be written (${error.code ?? error.message}).`,
      'Check that the data folder is writable, then restart Switchboard.',
    )
  })
  const legacy = await removeLegacyKey(dir)
  return { ...load, created: true, ...(legacy ? { replacedLegacyFingerprint: legacy } : {}) }
}

/** The text a head signature covers; a reviewer can rebuild it with printf. */
export function headSignaturePayload(head: { seq: number; hash: string }): Buffer {
  return Buffer.from(`switchboard-audit-head/1\nseq=${head.seq}\nhash=${head.hash}\n`, 'utf8')
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
}

async function readKeyFile(path: string): Promise<z.infer<typeof KeyFile> | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw keyError(
      `The audit key ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check the data folder’s permissions, then restart Switchboard.',
    )
  }
  try {
    const parsed = KeyFile.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
  } catch {
    // fall through
  }
  throw keyError(
    `The audit key ${path} is not a key Switchboard wrote.`,
    'Move the file away to let Switchboard make a new key. The audit log will then report that its head was signed by another key, as it should: the old key can no longer vouch for it.',
  )
}

function unseal(file: z.infer<typeof KeyFile>, box: SecretBox): Omit<AuditKeyLoad, 'created'> {
  const storedPublic = createPublicKey(file.publicKeyPem)
  const protection = protectionOf(file.sealedPrivateKey, box)
  const keychainSealed = isKeychainSealed(file.sealedPrivateKey)
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(box.open(file.sealedPrivateKey))
  } catch (error) {
    const reason = error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error)
    return {
      public: publicView(storedPublic, protection),
      keychainSealed,
      problem: `The audit key cannot be unsealed (${reason}): the head of the log cannot be signed until it can. Unlock the system keychain and restart Switchboard.`,
    }
  }
  const publicKey = createPublicKey(privateKey)
  if (privateKey.asymmetricKeyType !== 'ed25519' || fingerprintOf(publicKey) !== fingerprintOf(storedPublic)) {
    return {
      public: publicView(storedPublic, protection),
      keychainSealed,
      problem: 'The audit key file was altered: its public key does not belong to its sealed private key. Nothing is signed with it.',
    }
  }
  return {
    public: publicView(publicKey, protection),
    keychainSealed,
    signer: { ...publicView(publicKey, protection), sign: (data) => sign(null, data, privateKey) },
  }
}

async function createKeyFile(path: string, box: SecretBox): Promise<Omit<AuditKeyLoad, 'created'>> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const file: z.infer<typeof KeyFile> = {
    format: KEY_FORMAT,
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sealedPrivateKey: box.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    createdAt: new Date().toISOString(),
  }
  const fh = await open(path, 'wx', 0o600)
  try {
    await fh.writeFile(JSON.stringify(file, null, 1) + '\n')
    await fh.sync()
  } finally {
    await fh.close()
  }
  await syncDirectory(dirname(path))
  return unseal(file, box)
}

async function removeLegacyKey(dir: string): Promise<string | undefined> {
  const path = join(dir, LEGACY_SIGNING_KEY_FILE)
  let fingerprint: string | undefined
  try {
    fingerprint = fingerprintOf(createPublicKey(createPrivateKey(await readFile(path, 'utf8'))))
  } catch {
    return undefined
  }
  await rm(path, { force: true })
  return fingerprint
}

/**
 * Whether a keychain sealed this value: the box must have one, and both boxes mark a value they
 * stored without one with `plain:` (so a key file swapped for a plainly stored key of someone else's
 * shows as unprotected, even in the desktop app).
 */
function protectionOf(sealed: string, box: SecretBox): AuditHeadKeyView {
  const status = box.status()
  const keychain = status.encrypted && !sealed.startsWith('plain:')
  const view: AuditHeadKeyView = { fingerprint: '', keychain, backend: status.backend }
  if (!keychain) {
    view.warning = status.encrypted
      ? 'The audit key is stored without keychain protection (it was made before a keychain was available, or the key file was replaced): its signature proves no more than the hash chain.'
      : 'No keychain protects the audit key on this machine (web shell or no keyring): anyone who can read the data folder can sign a rewritten log, so the signed head proves no more than the hash chain.'
  }
  return view
}

function publicView(publicKey: KeyObject, protection: AuditHeadKeyView): AuditKeyPublic {
  const fingerprint = fingerprintOf(publicKey)
  return {
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint,
    protection: { ...protection, fingerprint },
    verify: (data, signature) => {
      try {
        return verify(null, data, publicKey, signature)
      } catch {
        return false
      }
    },
  }
}

function keyError(message: string, hint: string): AppError {
  return new AppError({ code: 'file', message, hint })
}
