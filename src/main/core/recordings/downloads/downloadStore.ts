/**
 * The app's own record of every download: one JSON Lines journal per download under the data folder.
 * The start line holds the items; later lines record each batch request submitted (fsynced BEFORE it is
 * polled: only the submitter can read a batch, so its id must outlive a crash) and each item's change.
 * Links are bearer credentials and never written here: a restart reads its batches again for them.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DurableAppender } from '../../files/durableAppender'
import { ensurePrivateDir } from '../../files/privateFiles'
import {
  applyItemPatch,
  applyLine,
  recordFromStart,
  type DownloadRecord,
  type ItemPatch,
  type ItemRecord,
  type JournalLine,
} from './downloadRecord'

export class DownloadStore {
  private readonly records = new Map<string, DownloadRecord>()
  private readonly appenders = new Map<string, DownloadAppender>()

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<DownloadStore> {
    await ensurePrivateDir(dir)
    const store = new DownloadStore(dir)
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.jsonl')) continue
      const record = await replay(join(dir, name))
      if (record) store.records.set(record.id, record)
    }
    return store
  }

  list(): DownloadRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  get(id: string): DownloadRecord | undefined {
    return this.records.get(id)
  }

  async create(start: Extract<JournalLine, { t: 'start' }>): Promise<DownloadRecord> {
    const record = recordFromStart(start)
    this.records.set(record.id, record)
    await this.append(record, start, true)
    return record
  }

  /** Applies the line in memory and writes it; `durable` waits for the fsync. */
  async append(record: DownloadRecord, line: JournalLine, durable = false): Promise<void> {
    if (line.t !== 'start') applyLine(record, line)
    const appender = await this.appenderFor(record.id)
    const text = `${JSON.stringify(line)}\n`
    if (durable) await appender.write(text, true)
    else appender.enqueue(text)
  }

  /** Changes an item and records the change. */
  async patchItem(record: DownloadRecord, item: ItemRecord, patch: ItemPatch, durable = false): Promise<void> {
    applyItemPatch(item, patch)
    const set = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === undefined ? null : v]))
    const appender = await this.appenderFor(record.id)
    const text = `${JSON.stringify({ t: 'item', key: item.key, set })}\n`
    if (durable) await appender.write(text, true)
    else appender.enqueue(text)
  }

  async remove(id: string): Promise<void> {
    const appender = this.appenders.get(id)
    this.appenders.delete(id)
    await appender?.close()
    this.records.delete(id)
    await rm(this.pathOf(id), { force: true })
  }

  async flush(): Promise<void> {
    await Promise.all([...this.appenders.values()].map((a) => a.flush(true)))
  }

  async close(): Promise<void> {
    const appenders = [...this.appenders.values()]
    this.appenders.clear()
    await Promise.all(appenders.map((a) => a.close()))
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.jsonl`)
  }

  private async appenderFor(id: string): Promise<DownloadAppender> {
    let appender = this.appenders.get(id)
    if (!appender) {
      appender = await DurableAppender.open(this.pathOf(id))
      this.appenders.set(id, appender)
    }
    return appender
  }
}

type DownloadAppender = DurableAppender

/** The record a journal describes; a torn or damaged line is skipped, a journal without its start line is ignored. */
async function replay(path: string): Promise<DownloadRecord | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '')
  let record: DownloadRecord | undefined
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue
    let line: JournalLine
    try {
      line = JSON.parse(raw) as JournalLine
    } catch {
      continue
    }
    if (line.t === 'start') record = recordFromStart(line)
    else if (record) applyLine(record, line)
  }
  return record
}
