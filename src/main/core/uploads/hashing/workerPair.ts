import { Worker } from 'node:worker_threads'
import { AppError } from '../../../../shared/errors'
import { hashWorkerLocation } from './hashWorkerLocation'
import { ALGORITHMS, type Algorithm, type FromHashWorker, type HashWorkerData, type ToHashWorker } from './hashWorkerProtocol'

interface PendingChunk {
  remaining: number
  resolve: () => void
  reject: (error: unknown) => void
}

interface PendingDigest {
  digests: Partial<Record<Algorithm, string>>
  resolve: (digests: Record<Algorithm, string>) => void
  reject: (error: unknown) => void
}

/**
 * Two workers, one per algorithm, reading from one shared buffer of `slots` slots: a chunk read once
 * is hashed by MD5 and SHA-256 at the same time, so a file costs max(md5, sha256), not their sum.
 */
export class WorkerPair {
  readonly buffer: SharedArrayBuffer
  private readonly workers: Worker[]
  private readonly chunks = new Map<number, PendingChunk>()
  private readonly digests = new Map<number, PendingDigest>()
  private seq = 0
  private failure: AppError | undefined

  constructor(
    readonly slots: number,
    readonly slotBytes: number,
  ) {
    this.buffer = new SharedArrayBuffer(slots * slotBytes)
    const { url, argv } = hashWorkerLocation()
    this.workers = ALGORITHMS.map((algorithm) => {
      const workerData: HashWorkerData = { buffer: this.buffer, algorithm }
      const worker = new Worker(url, { workerData, argv })
      worker.on('message', (message: FromHashWorker) => this.onMessage(algorithm, message))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => this.fail(new Error(`the hashing worker stopped (exit code ${code})`)))
      worker.unref()
      return worker
    })
  }

  get broken(): boolean {
    return this.failure !== undefined
  }

  /** A view of one slot, to read file bytes into. */
  slot(index: number): Buffer {
    return Buffer.from(this.buffer, index * this.slotBytes, this.slotBytes)
  }

  start(run: number): void {
    this.post({ type: 'start', run })
  }

  /** Resolves when both workers have hashed `length` bytes of `slot`. */
  chunk(run: number, slot: number, length: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    const seq = ++this.seq
    const done = new Promise<void>((resolve, reject) => this.chunks.set(seq, { remaining: this.workers.length, resolve, reject }))
    this.post({ type: 'chunk', run, seq, offset: slot * this.slotBytes, length })
    return done
  }

  finish(run: number): Promise<Record<Algorithm, string>> {
    if (this.failure) return Promise.reject(this.failure)
    const done = new Promise<Record<Algorithm, string>>((resolve, reject) => this.digests.set(run, { digests: {}, resolve, reject }))
    this.post({ type: 'end', run })
    return done
  }

  /** Keeps the process alive while a file is being hashed, and not while idle. */
  hold(held: boolean): void {
    for (const worker of this.workers) {
      if (held) worker.ref()
      else worker.unref()
    }
  }

  async terminate(): Promise<void> {
    this.fail(new Error('the hashing workers were stopped'))
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private post(message: ToHashWorker): void {
    for (const worker of this.workers) worker.postMessage(message)
  }

  private onMessage(algorithm: Algorithm, message: FromHashWorker): void {
    if (message.type === 'ack') {
      const pending = this.chunks.get(message.seq)
      if (!pending) return
      pending.remaining -= 1
      if (pending.remaining === 0) {
        this.chunks.delete(message.seq)
        pending.resolve()
      }
      return
    }
    const pending = this.digests.get(message.run)
    if (!pending) return
    if (message.digest === null) {
      this.digests.delete(message.run)
      pending.reject(new Error('the hashing worker lost track of the file'))
      return
    }
    pending.digests[algorithm] = message.digest
    if (pending.digests.md5 !== undefined && pending.digests.sha256 !== undefined) {
      this.digests.delete(message.run)
      pending.resolve(pending.digests as Record<Algorithm, string>)
    }
  }

  private fail(error: unknown): void {
    if (this.failure) return
    const message = error instanceof Error ? error.message : String(error)
    this.failure = new AppError({
      code: 'internal',
      message: `Hashing failed: ${message}.`,
      hint: 'Retry the upload; Switchboard starts new hashing workers.',
    })
    for (const pending of this.chunks.values()) pending.reject(this.failure)
    for (const pending of this.digests.values()) pending.reject(this.failure)
    this.chunks.clear()
    this.digests.clear()
  }
}
