import { join } from 'node:path'
import { z } from 'zod'
import { CoalescedFileWriter } from '../../files/coalescedFileWriter'
import { parseJsonText } from '../../files/parseJsonText'
import { ensurePrivateDir } from '../../files/privateFiles'
import { readTextIfPresent, setAsideUnreadable } from '../../files/storedFileText'
import { DeliveryRecord, FINAL_DELIVERY_STATES } from './deliveryRecord'

const FILE_NAME = 'remote-deliveries.json'
/** Finished records beyond this many are dropped, oldest first; the archive itself is never touched. */
const MAX_RECORDS = 5_000

const StoredFile = z.object({ version: z.literal(1), prunedThrough: z.string().optional(), deliveries: z.array(z.unknown()) })

/**
 * The copies of archive runs and their delivery states, by archive run id, in <dataDir>/flows/: what a
 * delivery job reads after a restart and what the archive run shows. A file this version cannot read is
 * set aside, never overwritten silently; one unreadable record is skipped, the others kept.
 */
export class DeliveryStore {
  private readonly records = new Map<string, DeliveryRecord>()
  private readonly writer: CoalescedFileWriter
  /**
   * The newest createdAt of the records dropped to stay under MAX_RECORDS: an archive run that finished
   * by then and has no record was pruned, not missed, so the start's catch-up does not send it again.
   */
  prunedThrough: string | undefined

  private constructor(readonly path: string) {
    this.writer = new CoalescedFileWriter(path, () =>
      JSON.stringify(
        { version: 1, ...(this.prunedThrough ? { prunedThrough: this.prunedThrough } : {}), deliveries: this.list() },
        null,
        1,
      ),
    )
  }

  static async open(dataDir: string, now: () => Date): Promise<DeliveryStore> {
    const dir = join(dataDir, 'flows')
    await ensurePrivateDir(dir)
    const store = new DeliveryStore(join(dir, FILE_NAME))
    const stored = await readStored(store.path, now)
    store.prunedThrough = stored.prunedThrough
    for (const record of stored.records) store.records.set(record.archiveId, record)
    store.prune()
    return store
  }

  list(): DeliveryRecord[] {
    return [...this.records.values()]
  }

  get(archiveId: string): DeliveryRecord | undefined {
    return this.records.get(archiveId)
  }

  put(record: DeliveryRecord): void {
    this.records.set(record.archiveId, record)
  }

  /** Puts back what `get` returned before a put that could not be saved. */
  restore(archiveId: string, previous: DeliveryRecord | undefined): void {
    if (previous) this.records.set(archiveId, previous)
    else this.records.delete(archiveId)
  }

  /** Written atomically; concurrent callers share one write that holds all their changes. */
  save(): Promise<void> {
    return this.writer.save()
  }

  private prune(): void {
    const excess = this.records.size - MAX_RECORDS
    if (excess <= 0) return
    const finished = this.list()
      .filter((r) => FINAL_DELIVERY_STATES.has(r.state) || r.state === 'unsent')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    for (const record of finished.slice(0, excess)) {
      this.records.delete(record.archiveId)
      if (!this.prunedThrough || record.createdAt > this.prunedThrough) this.prunedThrough = record.createdAt
    }
  }
}

async function readStored(path: string, now: () => Date): Promise<{ records: DeliveryRecord[]; prunedThrough?: string }> {
  const text = await readTextIfPresent(path)
  if (text === undefined) return { records: [] }
  const json = parseJsonText(text)
  const stored = json.ok ? StoredFile.safeParse(json.value) : undefined
  if (stored?.success) {
    const records = stored.data.deliveries.flatMap((raw) => {
      const parsed = DeliveryRecord.safeParse(raw)
      return parsed.success ? [parsed.data] : []
    })
    return { records, ...(stored.data.prunedThrough ? { prunedThrough: stored.data.prunedThrough } : {}) }
  }
  await setAsideUnreadable(path, now)
  return { records: [] }
}
