/**
 * One JSON Lines journal per archive job under the data folder (flows/archives/<jobId>.jsonl). Lines are
 * applied in memory as they are written; `durable` waits for the fsync. A torn last line (a crash while
 * writing) is skipped on replay: the step it recorded runs again and finds its file already there.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DurableAppender } from '../../files/durableAppender'
import { ensurePrivateDir } from '../../files/privateFiles'
import { applyLine, emptyRecord, type ArchiveLine, type ArchiveRecord } from './archiveRecord'

export class ArchiveStore {
  private readonly records = new Map<string, ArchiveRecord>()
  private readonly appenders = new Map<string, Promise<DurableAppender>>()

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<ArchiveStore> {
    await ensurePrivateDir(dir)
    const store = new ArchiveStore(dir)
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.jsonl')) continue
      const id = name.slice(0, -'.jsonl'.length)
      store.records.set(id, await replay(id, join(dir, name)))
    }
    return store
  }

  get(id: string): ArchiveRecord | undefined {
    return this.records.get(id)
  }

  /** The job's record, begun empty on its first run. */
  ensure(id: string): ArchiveRecord {
    let record = this.records.get(id)
    if (!record) {
      record = emptyRecord(id)
      this.records.set(id, record)
    }
    return record
  }

  ids(): string[] {
    return [...this.records.keys()]
  }

  async append(record: ArchiveRecord, line: ArchiveLine, durable = false): Promise<void> {
    applyLine(record, line)
    const appender = await this.appenderFor(record.id)
    const text = `${JSON.stringify(line)}\n`
    if (durable) await appender.write(text, true)
    else appender.enqueue(text)
  }

  async remove(id: string): Promise<void> {
    const appender = this.appenders.get(id)
    this.appenders.delete(id)
    await (await appender?.catch(() => undefined))?.close()
    this.records.delete(id)
    await rm(this.pathOf(id), { force: true })
  }

  async close(): Promise<void> {
    const appenders = [...this.appenders.values()]
    this.appenders.clear()
    await Promise.all(appenders.map(async (a) => (await a.catch(() => undefined))?.close()))
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.jsonl`)
  }

  /** One appender per journal, however many steps ask for it at once. */
  private appenderFor(id: string): Promise<DurableAppender> {
    let appender = this.appenders.get(id)
    if (!appender) {
      appender = DurableAppender.open(this.pathOf(id))
      appender.catch(() => this.appenders.delete(id))
      this.appenders.set(id, appender)
    }
    return appender
  }
}

async function replay(id: string, path: string): Promise<ArchiveRecord> {
  const record = emptyRecord(id)
  const text = await readFile(path, 'utf8').catch(() => '')
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue
    try {
      const line = JSON.parse(raw) as ArchiveLine
      if (line && typeof line === 'object' && typeof line.t === 'string') applyLine(record, line)
    } catch {
      // A torn line: its step runs again.
    }
  }
  return record
}
