import { join } from 'node:path'
import { z } from 'zod'
import type { PrivacyGuidance } from '../../../shared/contract/privacy'
import { TrackedRequestSchema, type TrackedRequest } from './trackedRequest'
import { parseJsonText } from '../files/parseJsonText'
import { CoalescedFileWriter } from '../files/coalescedFileWriter'
import { readTextIfPresent, setAsideUnreadable } from '../files/storedFileText'
import { ensurePrivateDir } from '../files/privateFiles'

const FILE_NAME = 'requests.json'
const StoredList = z.object({ version: z.literal(1), requests: z.array(z.unknown()), forgotten: z.array(z.string()).default([]) })
/** Removed requests remembered, so the org's list does not bring them back; the oldest are let go. */
const FORGOTTEN_KEPT = 1000

/**
 * The tracked requests, in memory and in <dataDir>/privacy/requests.json: what the Privacy screen
 * shows (status, timeline, saved results) and the ids removed from the list. When each request is
 * checked next is a scheduled job in the job journal (trackingJob.ts); a request in this file without
 * one (tracked by an older version) gets one at start. Every change is written atomically before the
 * handler that made it answers.
 */
export class RequestStore {
  private readonly requests = new Map<string, TrackedRequest>()
  private forgotten: string[] = []
  private readonly writer: CoalescedFileWriter

  private constructor(
    readonly path: string,
    readonly problem: PrivacyGuidance | undefined,
  ) {
    this.writer = new CoalescedFileWriter(path, () =>
      JSON.stringify({ version: 1, requests: this.list(), forgotten: this.forgotten }, null, 1),
    )
  }

  static async open(dataDir: string, now: () => Date): Promise<RequestStore> {
    const dir = join(dataDir, 'privacy')
    await ensurePrivateDir(dir)
    const path = join(dir, FILE_NAME)
    const { records, forgotten, problem } = await readRecords(path, now)
    const store = new RequestStore(path, problem)
    for (const record of records) store.requests.set(record.id, record)
    store.forgotten = forgotten
    return store
  }

  list(): TrackedRequest[] {
    return [...this.requests.values()]
  }

  get(id: string): TrackedRequest | undefined {
    return this.requests.get(id)
  }

  /** Adds or replaces in memory; call save() to make it durable. */
  put(request: TrackedRequest): void {
    this.requests.set(request.id, request)
  }

  /** Removes a request from the list for good: an import from the org will not add it again. */
  forget(id: string): boolean {
    this.forgotten = [...this.forgotten.filter((f) => f !== id), id].slice(-FORGOTTEN_KEPT)
    return this.requests.delete(id)
  }

  isForgotten(id: string): boolean {
    return this.forgotten.includes(id)
  }

  /** Writes the whole list; concurrent callers share one write that includes all their changes. */
  save(): Promise<void> {
    return this.writer.save()
  }
}

async function readRecords(
  path: string,
  now: () => Date,
): Promise<{ records: TrackedRequest[]; forgotten: string[]; problem?: PrivacyGuidance }> {
  const text = await readTextIfPresent(path)
  if (text === undefined) return { records: [], forgotten: [] }
  const json = parseJsonText(text)
  const stored = json.ok ? StoredList.safeParse(json.value) : undefined
  if (stored?.success) {
    const list = stored.data
    const records = list.requests
      .map((r) => TrackedRequestSchema.safeParse(r))
      .filter((r) => r.success)
      .map((r) => r.data)
    const skipped = list.requests.length - records.length
    if (skipped === 0) return { records, forgotten: list.forgotten }
    return {
      records,
      forgotten: list.forgotten,
      problem: {
        title: `${skipped} saved privacy request(s) could not be read and are not tracked`,
        message: `${path} holds entries this version does not understand.`,
        hint: 'Refresh from org brings back requests that still exist in Genesys Cloud.',
      },
    }
  }
  // The list names data subjects: say what is wrong with the file, never quote it.
  const problem = json.ok ? 'The file does not hold a list of tracked requests' : 'The file is not valid JSON'
  const backup = await setAsideUnreadable(path, now)
  return {
    records: [],
    forgotten: [],
    problem: {
      title: 'The list of tracked privacy requests could not be read',
      message: `${problem}. It was kept, unchanged, at ${backup}.`,
      hint: 'Refresh from org brings back the requests that exist in Genesys Cloud; saved-results records from the old list are in the backup.',
    },
  }
}
