/**
 * A few small records kept by id in one JSON file, replaced atomically (temp file, fsync, rename).
 * For sets read whole at start and written on every change, such as a workflow's batches.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { CoalescedFileWriter } from './coalescedFileWriter'
import { parseJsonText } from './parseJsonText'
import { ensurePrivateDir } from './privateFiles'
import { readTextIfPresent } from './storedFileText'

export interface RecordFileOptions<T> {
  dir: string
  file: string
  schema: z.ZodType<T>
  /** Words for the admin when the file cannot be read, e.g. "prompt batches". */
  what: string
  /** What survives if the admin moves the file aside. */
  damagedHint: string
}

export class JsonRecordFile<T extends { id: string }> {
  private readonly writer: CoalescedFileWriter

  private constructor(
    path: string,
    private readonly records: Map<string, T>,
  ) {
    this.writer = new CoalescedFileWriter(path, () => JSON.stringify(this.list(), null, 1))
  }

  static async open<T extends { id: string }>(options: RecordFileOptions<T>): Promise<JsonRecordFile<T>> {
    await ensurePrivateDir(options.dir)
    const path = join(options.dir, options.file)
    const text = (await readTextIfPresent(path)) ?? '[]'
    const json = parseJsonText(text)
    const parsed = json.ok ? z.array(options.schema).safeParse(json.value) : undefined
    if (!parsed?.success) {
      throw new AppError({ code: 'file', message: `The ${options.what} file ${path} is damaged.`, hint: options.damagedHint })
    }
    return new JsonRecordFile(path, new Map(parsed.data.map((record) => [record.id, record])))
  }

  list(): T[] {
    return [...this.records.values()]
  }

  get(id: string): T | undefined {
    return this.records.get(id)
  }

  put(record: T): Promise<void> {
    this.records.set(record.id, record)
    return this.writer.save()
  }

  async update(id: string, change: (record: T) => T): Promise<void> {
    const record = this.records.get(id)
    if (record) await this.put(change(record))
  }

  remove(ids: string[]): Promise<void> {
    for (const id of ids) this.records.delete(id)
    return this.writer.save()
  }
}
