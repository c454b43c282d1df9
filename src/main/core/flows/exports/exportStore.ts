import { join } from 'node:path'
import { z } from 'zod'
import { CoalescedFileWriter } from '../../files/coalescedFileWriter'
import { parseJsonText } from '../../files/parseJsonText'
import { ensurePrivateDir } from '../../files/privateFiles'
import { readTextIfPresent, setAsideUnreadable } from '../../files/storedFileText'
import { ExportRecord, FINAL_EXPORT_STATES } from './exportRecord'

const FILE_NAME = 'exports.json'
/** Finished exports beyond this many leave the list, oldest first (their files stay). */
const MAX_RECORDS = 500

const StoredFile = z.object({ version: z.literal(1), exports: z.array(z.unknown()) })

/**
 * The exports made in this app and what became of them, in <dataDir>/flows/exports.json: what the list
 * shows and what a resumed job reads (the platform's job id above all, so a restart never submits twice).
 * A file this version cannot read is set aside, never overwritten silently.
 */
export class ExportStore {
  private readonly records = new Map<string, ExportRecord>()
  private readonly writer: CoalescedFileWriter

  private constructor(readonly path: string) {
    this.writer = new CoalescedFileWriter(path, () => JSON.stringify({ version: 1, exports: this.list() }, null, 1))
  }

  static async open(dataDir: string, now: () => Date): Promise<ExportStore> {
    const dir = join(dataDir, 'flows')
    await ensurePrivateDir(dir)
    const store = new ExportStore(join(dir, FILE_NAME))
    for (const record of await readRecords(store.path, now)) store.records.set(record.id, record)
    store.prune()
    return store
  }

  /** Newest first. */
  list(): ExportRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  get(id: string): ExportRecord | undefined {
    return this.records.get(id)
  }

  put(record: ExportRecord): void {
    this.records.set(record.id, record)
  }

  remove(id: string): void {
    this.records.delete(id)
  }

  save(): Promise<void> {
    return this.writer.save()
  }

  private prune(): void {
    const excess = this.records.size - MAX_RECORDS
    if (excess <= 0) return
    const oldestFinished = this.list()
      .reverse()
      .filter((r) => FINAL_EXPORT_STATES.has(r.state))
    for (const record of oldestFinished.slice(0, excess)) this.records.delete(record.id)
  }
}

async function readRecords(path: string, now: () => Date): Promise<ExportRecord[]> {
  const text = await readTextIfPresent(path)
  if (text === undefined) return []
  const json = parseJsonText(text)
  const stored = json.ok ? StoredFile.safeParse(json.value) : undefined
  if (stored?.success) {
    return stored.data.exports.flatMap((raw) => {
      const parsed = ExportRecord.safeParse(raw)
      return parsed.success ? [parsed.data] : []
    })
  }
  await setAsideUnreadable(path, now)
  return []
}
