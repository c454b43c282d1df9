/**
 * The head anchor: seq and hash of the last line known to be on disk, signed by the installation's
 * audit key, kept in a small file beside the log and rewritten after each fsync. The chain alone
 * cannot show that its last lines were cut off, that its last line was edited, or that the whole log
 * was replaced by a consistent forgery; the signed anchor can, unless the forger holds the unsealed
 * key. It is one fixed-size record rewritten in place (one 512-byte sector, so the write is
 * all-or-nothing on the disks we run on).
 */
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { HEAD_FILE } from './auditFiles'
import { headSignaturePayload, type AuditKeyPublic, type BundleSigner } from './auditSigning'

const RECORD_BYTES = 512
const HEX64 = /^[0-9a-f]{64}$/
const Anchor = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(HEX64),
  /** Fingerprint of the key that signed it; absent in anchors written before heads were signed. */
  key: z.string().regex(HEX64).optional(),
  sig: z.string().max(200).optional(),
})
export type HeadAnchor = { seq: number; hash: string }
export type AnchorRecord = z.infer<typeof Anchor>

export type AnchorRead = { state: 'missing' } | { state: 'unreadable' } | { state: 'ok'; anchor: AnchorRecord }

export type AnchorCheck = { ok: true; anchor: HeadAnchor } | { ok: false; unsigned: boolean; problem: string }

export async function readHeadAnchor(path: string): Promise<AnchorRead> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return { state: 'missing' }
  }
  return parseAnchor(text)
}

function parseAnchor(text: string): AnchorRead {
  if (text.replace(/\0/g, '').trim() === '') return { state: 'missing' }
  try {
    const parsed = Anchor.safeParse(JSON.parse(text.replace(/\0/g, '').trim()))
    return parsed.success ? { state: 'ok', anchor: parsed.data } : { state: 'unreadable' }
  } catch {
    return { state: 'unreadable' }
  }
}

/** Whether the anchor read is one this installation's key signed, and if not, why, in plain words. */
export function checkAnchor(read: AnchorRead, key: AuditKeyPublic): AnchorCheck {
  if (read.state !== 'ok') {
    const what = read.state === 'missing' ? 'is missing' : 'is unreadable (not an anchor Switchboard wrote)'
    return {
      ok: false,
      unsigned: false,
      problem: `The signed head anchor (${HEAD_FILE}) ${what}: whether entries were removed from, added to or replaced in the log cannot be checked.`,
    }
  }
  const { anchor } = read
  if (anchor.sig === undefined || anchor.key === undefined) {
    return {
      ok: false,
      unsigned: true,
      problem: `The head anchor (${HEAD_FILE}) is not signed: it was written by an older Switchboard or by someone else, so it does not vouch for the log.`,
    }
  }
  if (anchor.key !== key.fingerprint) {
    return {
      ok: false,
      unsigned: false,
      problem: `The head anchor (${HEAD_FILE}) is signed by another key (${anchor.key.slice(0, 16)}…), not this installation's audit key (${key.fingerprint.slice(0, 16)}…): the log or its anchor was replaced.`,
    }
  }
  if (!key.verify(headSignaturePayload(anchor), Buffer.from(anchor.sig, 'base64'))) {
    return {
      ok: false,
      unsigned: false,
      problem: `The head anchor's signature (${HEAD_FILE}) does not match its seq and hash: the anchor was edited.`,
    }
  }
  return { ok: true, anchor: { seq: anchor.seq, hash: anchor.hash } }
}

export function signAnchor(head: HeadAnchor, signer: BundleSigner): AnchorRecord {
  return { seq: head.seq, hash: head.hash, key: signer.fingerprint, sig: signer.sign(headSignaturePayload(head)).toString('base64') }
}

export class HeadAnchorWriter {
  private writtenSeq = -1
  /** Reads and writes one at a time, so a read never sees a record half rewritten. */
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private fh: FileHandle,
    private readonly path: string,
    private readonly signer: BundleSigner | undefined,
  ) {}

  /** Without a signer (the key cannot be unsealed) nothing is written: the last signed anchor stays. */
  static async open(path: string, signer: BundleSigner | undefined): Promise<HeadAnchorWriter> {
    await (await open(path, 'a', 0o600)).close()
    return new HeadAnchorWriter(await open(path, 'r+'), path, signer)
  }

  /** Signs, writes and fsyncs the anchor; older anchors than the one on disk are ignored. */
  write(anchor: HeadAnchor): Promise<void> {
    return this.serial(async () => {
      if (anchor.seq <= this.writtenSeq || !this.signer) return
      const record = Buffer.alloc(RECORD_BYTES, 0x20)
      record.write(JSON.stringify(signAnchor(anchor, this.signer)), 0, 'utf8')
      record[RECORD_BYTES - 1] = 10
      await this.fh.write(record, 0, RECORD_BYTES, 0)
      await this.fh.sync()
      this.writtenSeq = anchor.seq
    })
  }

  /** The anchor as it is on disk now, by its name (a deleted or replaced file shows). */
  read(): Promise<AnchorRead> {
    return this.serial(() => readHeadAnchor(this.path))
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined)
    await this.fh.close()
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(fn)
    this.queue = run
    return run
  }
}
