/** The messages between WorkerPair (main thread) and each hashing worker. */
export const ALGORITHMS = ['md5', 'sha256'] as const
export type Algorithm = (typeof ALGORITHMS)[number]

export interface HashWorkerData {
  buffer: SharedArrayBuffer
  algorithm: Algorithm
}

export type ToHashWorker =
  | { type: 'start'; run: number }
  | { type: 'chunk'; run: number; seq: number; offset: number; length: number }
  | { type: 'end'; run: number }

export type FromHashWorker = { type: 'ack'; seq: number } | { type: 'digest'; run: number; digest: string | null }
