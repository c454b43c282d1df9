/**
 * The durable outbox: every delivery and each change to it, one JSON line each, appended with group
 * commit (one fsync for all that arrived together), replayed at start and compacted into a snapshot.
 * Own file rather than one job per event: a job journals every state change of its own and runs one
 * at a time per kind's slot; at a thousand events a second that is the bottleneck, not the network.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { DurableAppender } from '../files/durableAppender'
import { writeFileAtomic } from '../files/writeFileAtomic'
import { afterAttempt, AttemptChange, isPending, StoredDelivery } from './deliveryRecord'

/** An attempt on a delivery the journal already holds: what changed, without the data again. */
const AttemptLine = AttemptChange.extend({ id: z.string() })

const Line = z.union([
  z.object({ d: StoredDelivery }),
  z.object({ a: AttemptLine }),
  z.object({ e: z.object({ id: z.string(), failingSince: z.string().nullable() }) }),
  z.object({ x: z.string() }),
])

/** Finished deliveries kept per endpoint for the log; older ones go at the next compaction. */
const KEEP_FINISHED_PER_ENDPOINT = 5_000
/** The journal is compacted once it holds this many lines more than there are live records. */
const COMPACT_SLACK_LINES = 20_000
/** What was written is fsynced this long after, at the latest (a power loss may cost this much; an app crash nothing). */
const SYNC_WITHIN_MS = 1_000

export class OutboxStore {
  readonly deliveries = new Map<string, StoredDelivery>()
  /** First failure of each endpoint's current run of failures. */
  readonly failingSince = new Map<string, string>()
  private nextSeq = 1
  private lines = 0
  private compacting = false
  private syncTimer?: NodeJS.Timeout
  /** A second handle on the journal, only to fsync it without queueing behind the appender's writes. */
  private syncHandle?: FileHandle

  private constructor(
    private readonly path: string,
    private appender: DurableAppender,
  ) {}

  static async open(dataDir: string): Promise<OutboxStore> {
    const dir = join(dataDir, 'webhooks')
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const path = join(dir, 'outbox.jsonl')
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    const deliveries = new Map<string, StoredDelivery>()
    const failing = new Map<string, string>()
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue
      let json: unknown
      try {
        json = JSON.parse(raw)
      } catch {
        continue // a line torn by a crash mid-write: what it said was never acknowledged.
      }
      const parsed = Line.safeParse(json)
      if (!parsed.success) continue
      const line = parsed.data
      if ('d' in line) deliveries.set(line.d.id, line.d)
      else if ('a' in line) {
        const before = deliveries.get(line.a.id)
        // A delivery pruned by an earlier compaction: its attempt has nothing left to change.
        if (before) deliveries.set(before.id, afterAttempt(before, line.a))
      } else if ('e' in line) {
        if (line.e.failingSince) failing.set(line.e.id, line.e.failingSince)
        else failing.delete(line.e.id)
      } else {
        failing.delete(line.x)
        for (const [id, d] of deliveries) if (d.endpointId === line.x) deliveries.delete(id)
      }
    }
    pruneFinished(deliveries)
    const store = new OutboxStore(path, undefined as unknown as DurableAppender)
    for (const [id, d] of deliveries) store.deliveries.set(id, d)
    for (const [id, since] of failing) store.failingSince.set(id, since)
    store.nextSeq = Math.max(0, ...[...deliveries.values()].map((d) => d.seq)) + 1
    await writeFileAtomic(path, store.snapshot())
    store.lines = store.deliveries.size + store.failingSince.size
    store.appender = await DurableAppender.open(path)
    return store
  }

  takeSeq(): number {
    return this.nextSeq++
  }

  /** Records the delivery as it is now (queued to the file; `persisted()` waits for the disk). */
  put(delivery: StoredDelivery): void {
    this.deliveries.set(delivery.id, delivery)
    this.append({ d: delivery })
  }

  /**
   * Records one more attempt on a delivery and returns the delivery as it now is. When the journal holds
   * `previous` as it is, only the change is written (the attempt, the new state): most of a delivery is
   * its data, and writing it again after every attempt was a visible share of the outbox's cost.
   */
  putAttempt(previous: StoredDelivery, change: AttemptChange): StoredDelivery {
    const next = afterAttempt(previous, change)
    if (this.deliveries.get(previous.id) !== previous) {
      this.put(next)
      return next
    }
    this.deliveries.set(next.id, next)
    this.append({ a: { id: previous.id, ...change } })
    return next
  }

  setFailingSince(endpointId: string, since: string | undefined): void {
    if (this.failingSince.get(endpointId) === since) return
    if (since) this.failingSince.set(endpointId, since)
    else this.failingSince.delete(endpointId)
    this.append({ e: { id: endpointId, failingSince: since ?? null } })
  }

  removeEndpoint(endpointId: string): void {
    for (const [id, d] of this.deliveries) if (d.endpointId === endpointId) this.deliveries.delete(id)
    this.failingSince.delete(endpointId)
    this.append({ x: endpointId })
  }

  /**
   * Resolves once everything recorded so far is written to the file (one write for all waiting callers):
   * from then on it survives the app stopping or crashing. The fsync follows within SYNC_WITHIN_MS, on
   * its own handle, so a slow disk does not hold a delivery's first attempt.
   */
  async persisted(): Promise<void> {
    await this.appender.flush(false)
    this.syncSoon()
  }

  async close(): Promise<void> {
    clearTimeout(this.syncTimer)
    this.syncTimer = undefined
    await this.syncHandle?.close().catch(() => undefined)
    this.syncHandle = undefined
    await this.appender.close()
  }

  private syncSoon(): void {
    if (this.syncTimer) return
    this.syncTimer = setTimeout(() => {
      void this.syncNow().finally(() => (this.syncTimer = undefined))
    }, SYNC_WITHIN_MS)
    this.syncTimer.unref()
  }

  /** Writes what waits (an attempt's line has nobody waiting for it) and fsyncs. */
  private async syncNow(): Promise<void> {
    try {
      await this.appender.flush(false)
      this.syncHandle ??= await open(this.path, 'r')
      await this.syncHandle.sync()
    } catch {
      // The next write syncs again; close() fsyncs through the appender.
    }
  }

  private append(line: z.infer<typeof Line>): void {
    this.appender.enqueue(`${JSON.stringify(line)}\n`)
    // Written and fsynced within SYNC_WITHIN_MS even when no new delivery comes to carry it to the file:
    // an attempt's outcome lost to a crash means the event is sent again.
    this.syncSoon()
    this.lines++
    if (!this.compacting && this.lines > this.deliveries.size + this.failingSince.size + COMPACT_SLACK_LINES) void this.compact()
  }

  /** Replaces the journal with a snapshot of what is live (written atomically, then appended to). */
  private async compact(): Promise<void> {
    this.compacting = true
    try {
      await this.appender.exclusive(async () => {
        await this.appender.writeQueuedLocked()
        pruneFinished(this.deliveries)
        const snapshot = this.snapshot()
        await this.appender.reopen(this.path, () => writeFileAtomic(this.path, snapshot))
        // The snapshot is a new file: the sync handle must follow it.
        await this.syncHandle?.close().catch(() => undefined)
        this.syncHandle = undefined
        this.lines = this.deliveries.size + this.failingSince.size
      })
    } catch {
      // The journal as it was is still whole: compaction is tried again after more lines.
    } finally {
      this.compacting = false
    }
  }

  private snapshot(): string {
    const lines: string[] = []
    for (const d of this.deliveries.values()) lines.push(JSON.stringify({ d }))
    for (const [id, failingSince] of this.failingSince) lines.push(JSON.stringify({ e: { id, failingSince } }))
    return lines.length ? `${lines.join('\n')}\n` : ''
  }
}

function pruneFinished(deliveries: Map<string, StoredDelivery>): void {
  const finishedByEndpoint = new Map<string, StoredDelivery[]>()
  for (const d of deliveries.values()) {
    if (isPending(d)) continue
    const list = finishedByEndpoint.get(d.endpointId) ?? []
    list.push(d)
    finishedByEndpoint.set(d.endpointId, list)
  }
  for (const list of finishedByEndpoint.values()) {
    if (list.length <= KEEP_FINISHED_PER_ENDPOINT) continue
    list.sort((a, b) => b.seq - a.seq)
    for (const old of list.slice(KEEP_FINISHED_PER_ENDPOINT)) deliveries.delete(old.id)
  }
}
