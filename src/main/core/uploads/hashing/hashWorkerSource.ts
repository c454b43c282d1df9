/**
 * The hashing worker, as source text run with `new Worker(source, { eval: true })`. Kept as text so
 * the same worker runs from the electron-vite bundle, from vitest and from tsx without a separate
 * build entry. One worker per algorithm: it hashes chunks the main thread has read into the shared
 * buffer and acknowledges each, so the slot can be read into again.
 */
export const HASH_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const bytes = new Uint8Array(workerData.buffer)
const algorithm = workerData.algorithm
let hash = null
let run = 0
parentPort.on('message', (message) => {
  if (message.type === 'start') {
    hash = createHash(algorithm)
    run = message.run
  } else if (message.type === 'chunk') {
    if (hash && message.run === run) hash.update(bytes.subarray(message.offset, message.offset + message.length))
    parentPort.postMessage({ type: 'ack', seq: message.seq })
  } else if (message.type === 'end') {
    const digest = hash && message.run === run ? hash.digest('hex') : null
    hash = null
    parentPort.postMessage({ type: 'digest', run: message.run, digest })
  }
})
`
