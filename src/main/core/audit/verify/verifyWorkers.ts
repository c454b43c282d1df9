/**
 * Hands chain units to a few verify workers, the next unit to whichever is free, and collects their
 * summaries in unit order. Stops handing out units at the first doubt (the sequential check takes over).
 */
import { Worker } from 'node:worker_threads'
import { verifyWorkerLocation } from './verifyWorkerLocation'
import type { ChainUnit, FromVerifyWorker, ToVerifyWorker, UnitSummary, VerifyWorkerData } from './verifyProtocol'

/** Summaries in unit order; undefined when a unit was in doubt (later ones may be missing). */
export async function checkUnitsInWorkers(
  units: ChainUnit[],
  checkpoints: ReadonlyMap<number, string>,
  workerCount: number,
): Promise<UnitSummary[] | undefined> {
  const summaries: UnitSummary[] = new Array<UnitSummary>(units.length)
  if (units.length === 0) return summaries
  const { url, argv } = verifyWorkerLocation()
  const workerData: VerifyWorkerData = { checkpoints: [...checkpoints] }
  const workers: Worker[] = []
  try {
    return await new Promise<UnitSummary[] | undefined>((resolve, reject) => {
      let nextUnit = 0
      let pending = 0
      let settled = false
      const settle = (value: UnitSummary[] | undefined, error?: unknown): void => {
        if (settled) return
        settled = true
        if (error === undefined) resolve(value)
        else reject(error instanceof Error ? error : new Error(String(error)))
      }
      const feed = (worker: Worker): void => {
        if (nextUnit >= units.length) {
          if (pending === 0) settle(summaries)
          return
        }
        const message: ToVerifyWorker = { type: 'unit', id: nextUnit, unit: units[nextUnit] }
        nextUnit += 1
        pending += 1
        worker.postMessage(message)
      }
      for (let i = 0; i < Math.min(workerCount, units.length); i++) {
        const worker = new Worker(url, { workerData, argv })
        workers.push(worker)
        worker.on('message', (message: FromVerifyWorker) => {
          pending -= 1
          if (message.type === 'failed') return settle(undefined, new Error(message.message))
          summaries[message.id] = message.summary
          if (message.summary.doubt !== undefined) return settle(undefined)
          feed(worker)
        })
        worker.on('error', (error) => settle(undefined, error))
        worker.on('exit', (code) => settle(undefined, new Error(`a verify worker stopped (exit code ${code})`)))
        feed(worker)
      }
    })
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
