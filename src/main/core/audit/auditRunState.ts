/**
 * audit.runs/: one record per running process (the app and the command line may share the folder),
 * named `<pid>-<run id>.json`, saying when its buffered entries were last all on disk and when it was
 * last seen alive. A run creates its record at open (fsynced), notes each durable flush and a heartbeat
 * (one in-place write, no fsync: a killed process still leaves it in the page cache), and deletes it at
 * a clean close. So one process's clean close or start never touches another's record.
 *
 * At open (under the audit lock), a record whose process is gone is an unclean stop: entries appended
 * after its last durable flush, up to when it was last seen alive, may be lost. It is reported once
 * (its record is deleted then); records of processes still running are left alone. Times are the wall
 * clock (not the log's injectable one): they describe the process, not its entries.
 */
import { randomUUID } from 'node:crypto'
import { open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { syncDirectory } from '../files/durableAppender'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/privateFiles'
import { LEGACY_STATE_FILE, RUNS_DIR } from './auditFiles'

const RECORD_BYTES = 512
const HEARTBEAT_MS = 5000
/** A run on another computer (a shared network folder) not seen alive for this long has stopped. */
const OTHER_HOST_SILENCE_MS = 6 * HEARTBEAT_MS

const RunState = z.object({
  cleanShutdown: z.boolean(),
  pid: z.number().int(),
  /** Missing in records of older versions: this computer. */
  host: z.string().optional(),
  startedAt: z.string(),
  /** Every entry appended before this time was fsynced. */
  lastDurableAt: z.string(),
  /** The process was running at this time. */
  aliveAt: z.string(),
})
export type RunState = z.infer<typeof RunState>

/** The records this process is writing now: one of them is never a crash, whatever its pid says. */
const openHere = new Set<string>()

export interface UncleanStop {
  /** Entries appended after this may be lost (the last time everything buffered was on disk). */
  lostFrom: string
  /** ... and before this: the last time the stopped process was seen running. */
  lostUntil: string
  startedAt: string
  pid: number
}

/**
 * Under the audit lock at open: the runs that stopped without closing the log (oldest first). Their
 * records are removed, so each is reported once; cleanly closed legacy records are removed too.
 */
export async function takeUncleanStops(dir: string): Promise<UncleanStop[]> {
  const runsDir = join(dir, RUNS_DIR)
  const names = await readdir(runsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  const paths = [...names.filter((n) => n.endsWith('.json')).map((n) => join(runsDir, n)), join(dir, LEGACY_STATE_FILE)]
  const stops: UncleanStop[] = []
  for (const path of paths) {
    if (openHere.has(path)) continue
    const state = await readRunState(path)
    if (state === 'missing') continue
    if (state === undefined) {
      // Unreadable (a heartbeat read half-written): its name still says which process it is.
      const pid = Number(/^(\d+)-/.exec(basename(path))?.[1])
      if (!Number.isInteger(pid) || isRunning({ pid })) continue
    } else if (!state.cleanShutdown) {
      if (isRunning(state)) continue
      stops.push({ lostFrom: state.lastDurableAt, lostUntil: state.aliveAt, startedAt: state.startedAt, pid: state.pid })
    }
    await rm(path, { force: true })
  }
  if (stops.length > 0) await syncDirectory(runsDir)
  return stops.sort((a, b) => a.startedAt.localeCompare(b.startedAt))
}

async function readRunState(path: string): Promise<RunState | 'missing' | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
  try {
    const parsed = RunState.safeParse(JSON.parse(text.trim()))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function isRunning(state: Pick<RunState, 'pid'> & Partial<RunState>): boolean {
  if (state.host !== undefined && state.host !== hostname() && state.aliveAt !== undefined) {
    return Date.now() - Date.parse(state.aliveAt) < OTHER_HOST_SILENCE_MS
  }
  if (state.pid === process.pid) return false
  try {
    process.kill(state.pid, 0)
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
    this.state = { cleanShutdown: false, pid: process.pid, host: hostname(), startedAt: at, lastDurableAt: at, aliveAt: at }
  }

  /** Creates this run's record as running (fsynced, with its folder entry) and starts the heartbeat. */
  static async start(dir: string): Promise<RunStateWriter> {
    const runsDir = join(dir, RUNS_DIR)
    await ensurePrivateDir(runsDir)
    const path = join(runsDir, `${process.pid}-${randomUUID()}.json`)
    // Not 'a': positioned writes to a file opened for appending go to its end on Linux.
    const fh = await open(path, 'wx+', PRIVATE_FILE_MODE)
    const writer = new RunStateWriter(path, fh)
    openHere.add(path)
    await writer.write(true)
    await syncDirectory(runsDir)
    writer.heartbeat = setInterval(() => writer.noteAlive(), HEARTBEAT_MS)
    writer.heartbeat.unref()
    return writer
  }

  /** Everything appended before `since` is on disk. */
  noteDurable(since: Date): void {
    this.state.lastDurableAt = since.toISOString()
    this.noteAlive()
  }

  /** A clean close: the record goes (a start that finds no record of this run has nothing to report). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    await this.writing.catch(() => undefined)
    await this.fh.close()
    await rm(this.path, { force: true })
    await syncDirectory(dirname(this.path))
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
