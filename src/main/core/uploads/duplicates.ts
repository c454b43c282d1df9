/**
 * Which contents were already uploaded to which org: one JSON line per completed upload
 * (uploaded.jsonl), keyed by org id and SHA-256. A content being uploaded right now is claimed, so a
 * second copy of it in the same batch waits for the first instead of racing it to the org.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { tornFileName } from '../audit/auditFiles'
import { DurableAppender } from '../files/durableAppender'
import { setAsideTornTail } from '../audit/tornTail'

export const UploadedContent = z.object({
  orgId: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadKey: z.string(),
  fileName: z.string(),
  jobId: z.string(),
  uploadedAt: z.string(),
})
export type UploadedContent = z.infer<typeof UploadedContent>

export type Claim = { kind: 'duplicate'; previous: UploadedContent } | { kind: 'claimed'; release: () => void }

const FILE = 'uploaded.jsonl'

export class DuplicateIndex {
  private readonly inFlight = new Map<string, Promise<void>>()

  private constructor(
    private readonly appender: DurableAppender,
    private readonly uploaded: Map<string, UploadedContent>,
  ) {}

  static async open(dir: string, now: () => Date = () => new Date()): Promise<DuplicateIndex> {
    const path = join(dir, FILE)
    await setAsideTornTail(path, join(dir, tornFileName('uploaded', now(), 'jsonl')), (line) => parseLine(line) !== undefined)
    const uploaded = new Map<string, UploadedContent>()
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    for (const line of text.split('\n')) {
      const record = parseLine(line)
      if (record && !uploaded.has(keyOf(record.orgId, record.sha256))) uploaded.set(keyOf(record.orgId, record.sha256), record)
    }
    return new DuplicateIndex(await DurableAppender.open(path), uploaded)
  }

  find(orgId: string, sha256: string): UploadedContent | undefined {
    return this.uploaded.get(keyOf(orgId, sha256))
  }

  /** The earlier upload of this content, or a claim to upload it (waits while another job holds it). */
  async claim(orgId: string, sha256: string, signal?: AbortSignal): Promise<Claim> {
    const key = keyOf(orgId, sha256)
    for (;;) {
      signal?.throwIfAborted()
      const previous = this.uploaded.get(key)
      if (previous) return { kind: 'duplicate', previous }
      const busy = this.inFlight.get(key)
      if (!busy) break
      await waitOrAbort(busy, signal)
    }
    let release!: () => void
    const done = new Promise<void>((resolve) => (release = resolve))
    this.inFlight.set(key, done)
    return {
      kind: 'claimed',
      release: () => {
        if (this.inFlight.get(key) === done) this.inFlight.delete(key)
        release()
      },
    }
  }

  /** Records a completed upload, durably; recording the same job twice is a no-op. */
  async record(entry: UploadedContent): Promise<void> {
    const key = keyOf(entry.orgId, entry.sha256)
    if (this.uploaded.get(key)?.jobId === entry.jobId) return
    if (!this.uploaded.has(key)) this.uploaded.set(key, entry)
    await this.appender.write(JSON.stringify(entry) + '\n', true)
  }

  close(): Promise<void> {
    return this.appender.close()
  }
}

function keyOf(orgId: string, sha256: string): string {
  return `${orgId}\n${sha256}`
}

function parseLine(line: string): UploadedContent | undefined {
  if (!line.trim()) return undefined
  try {
    const parsed = UploadedContent.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function waitOrAbort(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}
