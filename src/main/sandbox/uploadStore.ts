import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** What POST /api/v2/uploads/recordings promised: one presigned object key. */
export interface PresignedUpload {
  key: string
  fileName: string
  /** Content-MD5 as the presign bound it (base64 of the 16 digest bytes). */
  contentMd5?: string
  contentType?: string
  createdAt: number
  status: 'Pending' | 'Success' | 'Failure'
  errorMessage?: string
}

/** One object stored by a completed presigned PUT. */
export interface StoredUpload {
  key: string
  fileName: string
  /** Hex SHA-256 of the stored bytes. */
  sha256: string
  /** Hex MD5 of the stored bytes. */
  md5: string
  size: number
  /** ISO 8601. */
  completedAt: string
}

/** The sandbox's object store: presigns, stored objects on disk, and a count of uploads per content hash. */
export class UploadStore {
  private readonly presigns = new Map<string, PresignedUpload>()
  private readonly completed: StoredUpload[] = []
  readonly dir: string

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.dir = join(dataDir, 'uploads')
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
  }

  presign(fileName: string, contentMd5: string | undefined, contentType: string | undefined): PresignedUpload {
    const upload: PresignedUpload = { key: randomUUID(), fileName, contentMd5, contentType, createdAt: this.now(), status: 'Pending' }
    this.presigns.set(upload.key, upload)
    return upload
  }

  find(key: string): PresignedUpload | undefined {
    return this.presigns.get(key)
  }

  /** A fresh path for bytes still arriving; `complete` moves it into place. */
  partialPath(): string {
    return join(this.dir, `.partial-${randomUUID()}`)
  }

  async complete(
    upload: PresignedUpload,
    partialPath: string,
    digest: { sha256: string; md5: string; size: number },
  ): Promise<StoredUpload> {
    await rename(partialPath, join(this.dir, upload.key))
    upload.status = 'Success'
    upload.errorMessage = undefined
    const stored: StoredUpload = { key: upload.key, fileName: upload.fileName, ...digest, completedAt: new Date(this.now()).toISOString() }
    this.completed.push(stored)
    return stored
  }

  async fail(upload: PresignedUpload, partialPath: string, message: string): Promise<void> {
    await rm(partialPath, { force: true })
    if (upload.status !== 'Success') {
      upload.status = 'Failure'
      upload.errorMessage = message
    }
  }

  uploads(): StoredUpload[] {
    return this.completed.map((upload) => ({ ...upload }))
  }

  presigned(): PresignedUpload[] {
    return [...this.presigns.values()].map((upload) => ({ ...upload }))
  }

  countBySha256(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const upload of this.completed) counts[upload.sha256] = (counts[upload.sha256] ?? 0) + 1
    return counts
  }
}
