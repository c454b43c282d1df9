/**
 * One hashing worker per algorithm: it hashes chunks the main thread has read into the shared buffer
 * and acknowledges each, so the slot can be read into again. Built as its own entry
 * (out/main/hashWorker.js); see hashWorkerLocation.ts for how it is found.
 */
import { createHash, type Hash } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import type { FromHashWorker, HashWorkerData, ToHashWorker } from './hashWorkerProtocol'

const port = parentPort
if (!port) throw new Error('hashWorker.ts runs as a worker thread only')
const { buffer, algorithm } = workerData as HashWorkerData
const bytes = new Uint8Array(buffer)
let hash: Hash | null = null
let run = 0

const reply = (message: FromHashWorker): void => port.postMessage(message)

port.on('message', (message: ToHashWorker) => {
  if (message.type === 'start') {
    hash = createHash(algorithm)
    run = message.run
  } else if (message.type === 'chunk') {
    if (hash && message.run === run) hash.update(bytes.subarray(message.offset, message.offset + message.length))
    reply({ type: 'ack', seq: message.seq })
  } else {
    const digest = hash && message.run === run ? hash.digest('hex') : null
    hash = null
    reply({ type: 'digest', run: message.run, digest })
  }
})
