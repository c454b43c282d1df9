import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../src/shared/api'
import { GENESIS_HASH, hashLine, openAuditLog, serializeAuditEntry, type AuditLog } from '../../../src/main/core/audit'
import { fingerprintOf, headSignaturePayload } from '../../../src/main/core/audit/auditSigning'
import { createSafeStorageSecretBox } from '../../../src/main/secrets'
import { makeTempDir, openLogWith, readLines, removeDir, sampleInput, steadyClock, writeLines } from './auditTestKit'

const HEAD = 'audit.head.json'

/** Electron's safeStorage, stood in for by AES with a key only this test holds (the one Electron module we may mock). */
function keychainBox() {
  const key = randomBytes(32)
  return createSafeStorageSecretBox(
    {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => {
        const iv = randomBytes(12)
        const c = createCipheriv('aes-256-gcm', key, iv)
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
        return Buffer.concat([iv, c.getAuthTag(), body])
      },
      decryptString: (sealed: Buffer) => {
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
        d.setAuthTag(sealed.subarray(12, 28))
        return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8')
      },
    },
    'linux',
  )
}

/** A consistent chain anyone can build: right seqs, right prev links. */
function forgedChain(count: number): string[] {
  const lines: string[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const entry: AuditEntry = {
      seq,
      time: new Date(Date.UTC(2025, 0, 1, 9, 0, seq)).toISOString(),
      profile: 'sandbox',
      org: 'Sandbox Org',
      action: 'api.GET',
      target: `/forged/${seq}`,
      outcome: 'ok',
      prev,
    }
    const line = serializeAuditEntry(entry)
    lines.push(line)
    prev = hashLine(line)
  }
  return lines
}

/** One more line that links correctly to the last one. */
function appendedLine(lines: string[]): string {
  const last = JSON.parse(lines.at(-1)!) as AuditEntry
  return serializeAuditEntry({
    seq: last.seq + 1,
    time: '2025-01-02T00:00:00.000Z',
    profile: 'sandbox',
    org: 'Sandbox Org',
    action: 'privacy.erase',
    target: 'nobody',
    outcome: 'ok',
    prev: hashLine(lines.at(-1)!),
  })
}

async function writeAnchor(dir: string, anchor: object): Promise<void> {
  await writeFile(join(dir, HEAD), JSON.stringify(anchor) + '\n')
}

function otherKeyAnchor(head: { seq: number; hash: string }) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { ...head, key: fingerprintOf(publicKey), sig: sign(null, headSignaturePayload(head), privateKey).toString('base64') }
}

describe('the signed head anchor', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  async function closedLogWith(count: number): Promise<string[]> {
    const log = await openLogWith(dir, count)
    await log.close()
    return readLines(log.path)
  }

  async function reopenAndVerify(): Promise<{ log: AuditLog; result: Awaited<ReturnType<AuditLog['verify']>> }> {
    const log = await openAuditLog({ dir })
    const result = await log.verify()
    return { log, result }
  }

  it('is signed by this installation’s key each time it is written, and Verify says so', async () => {
    const log = await openLogWith(dir, 5)
    const anchor = JSON.parse(await readFile(join(dir, HEAD), 'utf8'))
    const lines = await readLines(log.path)
    expect(anchor).toMatchObject({ seq: 5, hash: hashLine(lines[4]), key: await log.signingKeyFingerprint() })
    expect(typeof anchor.sig).toBe('string')
    const result = await log.verify()
    expect(result).toMatchObject({ ok: true, head: { signedSeq: 5, key: { fingerprint: await log.signingKeyFingerprint() } } })
    expect(result.head?.problem).toBeUndefined()
    log.append(sampleInput(6))
    await log.flush()
    expect(JSON.parse(await readFile(join(dir, HEAD), 'utf8'))).toMatchObject({ seq: 6 })
    await log.close()
  })

  it('deleting the anchor while Switchboard runs makes Verify fail', async () => {
    const log = await openLogWith(dir, 5)
    await rm(join(dir, HEAD))
    const result = await log.verify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/signed head anchor \(audit\.head\.json\) is missing/)
    await log.close()
  })

  it('deleting the anchor while Switchboard is closed makes Verify fail after the restart', async () => {
    await closedLogWith(5)
    await rm(join(dir, HEAD))
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/is missing.*found at start-up/)
    expect((await log.tail(1))[0]).toMatchObject({ action: 'audit.anchorProblem', outcome: 'error' })
    await log.close()
  })

  it('an unsigned anchor fails Verify', async () => {
    const lines = await closedLogWith(5)
    await writeAnchor(dir, { seq: 5, hash: hashLine(lines[4]) })
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/is not signed/)
    await log.close()
  })

  it('an anchor signed by another key fails Verify', async () => {
    const lines = await closedLogWith(5)
    await writeAnchor(dir, otherKeyAnchor({ seq: 5, hash: hashLine(lines[4]) }))
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/signed by another key .*, not this installation's audit key/)
    await log.close()
  })

  it('an anchor whose seq or hash was edited under a valid signature fails Verify', async () => {
    const log = await openLogWith(dir, 5)
    const anchor = JSON.parse(await readFile(join(dir, HEAD), 'utf8'))
    await writeAnchor(dir, { ...anchor, seq: 4 })
    const result = await log.verify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/signature .* does not match its seq and hash/)
    await log.close()
  })

  it('a forged line appended with a correct prev while Switchboard was closed fails Verify', async () => {
    const lines = await closedLogWith(5)
    await writeLines(join(dir, 'audit.jsonl'), [...lines, appendedLine(lines)])
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/seq 6 to 6 come after the signed head \(seq 5\) and are not covered by its signature/)
    await log.close()
  })

  it('a forged line appended with a correct prev while Switchboard runs fails Verify', async () => {
    const log = await openLogWith(dir, 5)
    const lines = await readLines(log.path)
    await writeFile(log.path, appendedLine(lines) + '\n', { flag: 'a' })
    const result = await log.verify()
    expect(result.ok).toBe(false)
    // Followed rather than forked around (another process killed before signing looks the same), and reported.
    expect(result.head?.problem).toMatch(/seq 6 to 6 come after the signed head \(seq 5\).*or someone else added them/)
    await log.flush()
    expect((await log.tail(1))[0]).toMatchObject({ seq: 7, action: 'audit.anchorProblem' })
    await log.close()
  })

  it('a whole consistent forged chain with a matching unsigned head fails Verify', async () => {
    await closedLogWith(5)
    const forged = forgedChain(8)
    await writeLines(join(dir, 'audit.jsonl'), forged)
    await writeAnchor(dir, { seq: 8, hash: hashLine(forged[7]) })
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/is not signed/)
    await log.close()
  })

  it('a whole consistent forged chain with a head signed by the forger’s key fails Verify', async () => {
    await closedLogWith(5)
    const forged = forgedChain(8)
    await writeLines(join(dir, 'audit.jsonl'), forged)
    await writeAnchor(dir, otherKeyAnchor({ seq: 8, hash: hashLine(forged[7]) }))
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/signed by another key/)
    // The app re-signs the head it continues from, but the session keeps the finding and the log records it.
    expect((await log.verify()).ok).toBe(false)
    expect((await log.tail(1))[0]).toMatchObject({ action: 'audit.anchorProblem', outcome: 'error' })
    await log.close()
  })

  it('a log from before signed heads is signed from its current head on, recorded in the log; Verify is strict afterwards', async () => {
    const lines = await closedLogWith(5)
    await rm(join(dir, 'audit.key.json'))
    await writeAnchor(dir, { seq: 5, hash: hashLine(lines[4]) })
    const migrated = await openAuditLog({ dir, now: steadyClock() })
    const recorded = (await migrated.tail(1))[0]
    expect(recorded).toMatchObject({
      seq: 6,
      action: 'audit.headSigned',
      outcome: 'ok',
      detail: { fromSeq: 5, chainIntact: true, keyFingerprint: await migrated.signingKeyFingerprint() },
    })
    expect((await migrated.verify()).ok).toBe(true)
    await migrated.close()

    const after = await readLines(join(dir, 'audit.jsonl'))
    await writeAnchor(dir, { seq: 6, hash: hashLine(after[5]) })
    const { log, result } = await reopenAndVerify()
    expect(result.ok).toBe(false)
    expect(result.head?.problem).toMatch(/is not signed/)
    await log.close()
  })

  it('the private key is sealed by the keychain box, kept 0600, and the protection is shown', async () => {
    const box = keychainBox()
    const log = await openAuditLog({ dir, secretBox: box })
    log.append(sampleInput(1))
    await log.flush()
    const keyFile = await readFile(join(dir, 'audit.key.json'), 'utf8')
    expect(keyFile).not.toContain('PRIVATE KEY')
    expect(JSON.parse(keyFile).sealedPrivateKey).toMatch(/^safe:/)
    if (process.platform !== 'win32') expect((await stat(join(dir, 'audit.key.json'))).mode & 0o777).toBe(0o600)
    const result = await log.verify()
    expect(result.head?.key).toMatchObject({ keychain: true, backend: 'gnome_libsecret' })
    expect(result.head?.key.warning).toBeUndefined()
    await log.close()

    // Another keychain (another machine, another user) cannot unseal it: the head is not re-signed and Verify says why.
    const elsewhere = await openAuditLog({ dir, secretBox: keychainBox() })
    const there = await elsewhere.verify()
    expect(there.ok).toBe(false)
    expect(there.head?.problem).toMatch(/audit key cannot be unsealed/)
    await elsewhere.close()
  })

  it('without a keychain (the web shell’s plain box) Verify says plainly that nothing protects the key', async () => {
    const log = await openLogWith(dir, 2)
    const result = await log.verify()
    expect(result.ok).toBe(true)
    expect(result.head?.key.keychain).toBe(false)
    expect(result.head?.key.warning).toMatch(/No keychain protects the audit key/)
    expect(log.signingKey().warning).toMatch(/proves no more than the hash chain/)
    await log.close()
  })
})
