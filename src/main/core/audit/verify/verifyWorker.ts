/**
 * A verify worker: checks the units of the chain it is handed, one at a time, and reports a summary
 * of each (see parallelChain.ts). Built as its own entry (out/main/verifyWorker.js); see
 * verifyWorkerLocation.ts for how it is found.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { checkUnit } from './checkUnit'
import type { FromVerifyWorker, ToVerifyWorker, VerifyWorkerData } from './verifyProtocol'

const port = parentPort
if (!port) throw new Error('verifyWorker.ts runs as a worker thread only')
const checkpoints = new Map((workerData as VerifyWorkerData).checkpoints)

port.on('message', (message: ToVerifyWorker) => {
  let reply: FromVerifyWorker
  try {
    reply = { type: 'done', id: message.id, summary: checkUnit(message.unit, checkpoints) }
  } catch (error) {
    reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
port.postMessage({ type: 'ready' } satisfies FromVerifyWorker)
