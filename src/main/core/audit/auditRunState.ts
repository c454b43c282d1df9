/**
 * audit.state.json: whether the last run of the log closed cleanly, and when its buffered entries were
 * last all on disk. A run marks itself running at open, notes each durable flush and a heartbeat (one
 * in-place write, no fsync: a killed process still leaves it in the page cache), and marks itself
 * cleanly stopped at close. A start that finds the mark still "running" knows entries appended after
 * the last durable flush, up to when the process was last seen alive, may be lost. Times are the
 * wall clock (not the log's injectable one): they describe this process, not its entries.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { PRIVATE_FILE_MODE } from '../files/privateFiles'

const RECORD_BYTES = 512
const HEARTBEAT_MS = 5000

const RunState = z.object({
  cleanShutdown: z.boolean(),
  pid: z.number().int(),
  startedAt: z.string(),
  /** Every entry appended before this time was fsynced. */
  lastDurableAt: z.string(),
  /** The process was running at this time. */
  aliveAt: z.string(),
})
export type RunState = z.infer<typeof RunState>

/** Which logs this process has open: a "running" mark of our own pid for one of them is not a crash. */
const openHere = new Set<string>()

export interface UncleanStop {
  /** Entries appended after this may be lost (the last time everything buffered was on disk). */
  lostFrom: string
  /** ... and before this: the last time the stopped process was seen running. */
  lostUntil: string
  startedAt: string
  pid: number
}

export async function readUncleanStop(path: string): Promise<UncleanStop | undefined> {
  const state = await readFile(path, 'utf8')
    .then(
      (text) => RunState.safeParse(JSON.parse(text.trim())),
      () => undefined,
    )
    .catch(() => undefined)
  if (!state?.success || state.data.cleanShutdown) return undefined
  const previous = state.data
  // Still running: another process (the command line beside the app) or this one has it open.
  if (previous.pid === process.pid ? openHere.has(path) : isRunning(previous.pid)) return undefined
  return { lostFrom: previous.lastDurableAt, lostUntil: previous.aliveAt, startedAt: previous.startedAt, pid: previous.pid }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class RunStateWriter {
  private state: RunState
  private heartbeat: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
  ) {
    const at = new Date().toISOString()
    this.state = { cleanShutdown: false, pid: process.pid, startedAt: at, lastDurableAt: at, aliveAt: at }
  }

  /** Marks this run as running (fsynced) and starts the heartbeat. */
  static async start(path: string): Promise<RunStateWriter> {
    await (await open(path, 'a', PRIVATE_FILE_MODE)).close()
    // Not 'a': positioned writes to a file opened for appending go to its end on Linux.
    const fh = await open(path, 'r+')
    const writer = new RunStateWriter(path, fh)
    openHere.add(path)
    await writer.write(true)
    writer.heartbeat = setInterval(() => writer.noteAlive(), HEARTBEAT_MS)
    writer.heartbeat.unref()
    return writer
  }

  /** Everything appended before `since` is on disk. */
  noteDurable(since: Date): void {
    this.state.lastDurableAt = since.toISOString()
    this.noteAlive()
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.state.cleanShutdown = true
    this.state.aliveAt = new Date().toISOString()
    await this.write(true)
    await this.fh.close()
    openHere.delete(this.path)
  }

  private noteAlive(): void {
    this.state.aliveAt = new Date().toISOString()
    this.write(false).catch(() => undefined)
  }

  /** One fixed-size record rewritten in place, so a reader never sees half of an old and a new one. */
  private write(sync: boolean): Promise<void> {
    const record = Buffer.alloc(RECORD_BYTES, 0x20)
    record.write(JSON.stringify(this.state), 0, 'utf8')
    record[RECORD_BYTES - 1] = 10
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await this.fh.write(record, 0, RECORD_BYTES, 0)
        if (sync) await this.fh.sync()
      })
    return this.writing
  }
}
