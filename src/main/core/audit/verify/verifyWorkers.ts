/**
 * Checks the units of a chain with the main thread and a few verify workers together. The workers are
 * started first (before the plan is made) and take the next unit whenever they are free, once their
 * code has loaded; the main thread checks units meanwhile, one per turn of the event loop. So the check
 * never waits for a worker to boot (hundreds of milliseconds on a busy machine), still ends if none
 * ever does, and a worker that dies only hands its units back. Summaries are collected in unit order;
 * the first doubt stops everything (the sequential check takes over).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import { checkUnit } from './checkUnit'
import { ReadBuffer } from './rangeLines'
import { verifyWorkerLocation, type WorkerLocation } from './verifyWorkerLocation'
import type { ChainUnit, FromVerifyWorker, ToVerifyWorker, UnitSummary, VerifyWorkerData } from './verifyProtocol'

/**
 * Units handed to a worker at once: the next one waits in its queue, so it does not idle while the
 * main thread, busy with a unit of its own, has not yet read the reply.
 */
const QUEUE_DEPTH = 2

interface Helper {
  worker: Worker
  ready: boolean
  gone: boolean
  /** The units handed to it and not yet answered, in order. */
  queue: number[]
}

interface Run {
  units: ChainUnit[]
  taken: boolean[]
  /** Units the main thread checked (or is checking) although a worker holds them: see takeQueued(). */
  doubled: boolean[]
  summaries: UnitSummary[]
  done: number
  settle: (summaries: UnitSummary[] | undefined, error?: Error) => void
}

export class VerifyWorkers {
  private readonly helpers: Helper[] = []
  private run?: Run
  private mainBusy = false
  /** The main thread's read buffer, let go with this object (a worker keeps its own for its life). */
  private scratch?: ReadBuffer

  private readonly checkpoints: ReadonlyMap<number, string>
  /** False: the main thread checks only when no worker is left (tests: the workers' path). */
  private readonly mainThread: boolean

  /** Starts `count` workers now; they load while the caller plans. */
  constructor(count: number, checkpoints: ReadonlyMap<number, string>, opts: { mainThread?: boolean; location?: WorkerLocation } = {}) {
    this.checkpoints = checkpoints
    this.mainThread = opts.mainThread ?? true
    if (count <= 0) return
    const { url, argv, execArgv } = opts.location ?? verifyWorkerLocation()
    const workerData: VerifyWorkerData = { checkpoints: [...checkpoints] }
    for (let i = 0; i < count; i++) {
      let worker: Worker
      try {
        worker = new Worker(url, { workerData, argv, execArgv })
      } catch {
        break // the main thread checks alone
      }
      const helper: Helper = { worker, ready: false, gone: false, queue: [] }
      worker.on('message', (message: FromVerifyWorker) => this.received(helper, message))
      worker.on('error', () => this.lost(helper))
      worker.on('exit', () => this.lost(helper))
      this.helpers.push(helper)
    }
  }

  /** Summaries in unit order; undefined when a unit was in doubt (later ones may be missing). */
  check(units: ChainUnit[]): Promise<UnitSummary[] | undefined> {
    if (units.length === 0) return Promise.resolve([])
    return new Promise((resolve, reject) => {
      this.run = {
        units,
        taken: units.map(() => false),
        doubled: units.map(() => false),
        summaries: new Array<UnitSummary>(units.length),
        done: 0,
        settle: (summaries, error) => {
          if (this.run === undefined) return
          this.run = undefined
          if (error) reject(error)
          else resolve(summaries)
        },
      }
      for (const helper of this.helpers) this.feed(helper)
      void this.checkInMainThread()
    })
  }

  async stop(): Promise<void> {
    this.run?.settle(undefined)
    await Promise.all(this.helpers.map((h) => h.worker.terminate()))
  }

  private async checkInMainThread(): Promise<void> {
    if (this.mainBusy) return
    this.mainBusy = true
    try {
      for (;;) {
        const run = this.run
        if (!run) return
        // An archived segment is unzipped whole: left to workers, unless none is left.
        const workersLeft = this.helpers.some((h) => !h.gone)
        if (workersLeft && !this.mainThread) return
        const index = this.take(run, workersLeft) ?? this.takeQueued(run)
        if (index === undefined) return
        this.scratch ??= new ReadBuffer()
        this.record(run, index, checkUnit(run.units[index], this.checkpoints, this.scratch))
        await nextTurn() // worker replies, and whatever else the process serves, get their turn
      }
    } catch (error) {
      this.run?.settle(undefined, error instanceof Error ? error : new Error(String(error)))
    } finally {
      this.mainBusy = false
    }
  }

  private take(run: Run, rangesOnly: boolean): number | undefined {
    for (let i = 0; i < run.units.length; i++) {
      if (run.taken[i] || (rangesOnly && run.units[i].kind !== 'range')) continue
      run.taken[i] = true
      return i
    }
    return undefined
  }

  /**
   * With nothing left to hand out, the main thread checks a range still waiting in a worker's queue
   * rather than wait for it: on a busy machine a worker can get the CPU much later than the main
   * thread. Whichever answers first counts (both give the same summary).
   */
  private takeQueued(run: Run): number | undefined {
    for (const helper of this.helpers) {
      const index = helper.queue.at(-1)
      if (index === undefined || run.doubled[index] || run.summaries[index] || run.units[index].kind !== 'range') continue
      run.doubled[index] = true
      return index
    }
    return undefined
  }

  private feed(helper: Helper): void {
    const run = this.run
    if (!run || !helper.ready || helper.gone) return
    while (helper.queue.length < QUEUE_DEPTH) {
      const index = this.take(run, false)
      if (index === undefined) return
      helper.queue.push(index)
      const message: ToVerifyWorker = { type: 'unit', id: index, unit: run.units[index] }
      helper.worker.postMessage(message)
    }
  }

  private received(helper: Helper, message: FromVerifyWorker): void {
    if (message.type === 'ready') helper.ready = true
    else {
      helper.queue = helper.queue.filter((i) => i !== message.id)
      const run = this.run
      if (!run) return
      if (message.type === 'failed') return run.settle(undefined, new Error(message.message))
      this.record(run, message.id, message.summary)
    }
    this.feed(helper)
  }

  private record(run: Run, index: number, summary: UnitSummary): void {
    if (this.run !== run || run.summaries[index] !== undefined) return
    run.summaries[index] = summary
    run.done += 1
    if (summary.doubt !== undefined) run.settle(undefined)
    else if (run.done === run.units.length) run.settle(run.summaries)
  }

  /** A worker that failed to start or died: its units go back, and the main thread carries on without it. */
  private lost(helper: Helper): void {
    if (helper.gone) return
    helper.gone = true
    const run = this.run
    if (!run) return
    for (const index of helper.queue) if (run.summaries[index] === undefined) run.taken[index] = run.doubled[index] = false
    helper.queue = []
    void this.checkInMainThread()
  }
}
