import { join } from 'node:path'
import { z } from 'zod'
import { ensurePrivateDir } from '../../files/privateFiles'
import { parseJsonText } from '../../files/parseJsonText'
import { CoalescedFileWriter } from '../../files/coalescedFileWriter'
import { readTextIfPresent, setAsideUnreadable } from '../../files/storedFileText'
import { RecordingJobSchema } from './recordingJobsApi'

const FILE_NAME = 'bulk-jobs.json'

/** A bulk job this app created: who for (profile and org), what was asked, and what Genesys Cloud last said. */
export const OwnBulkJobSchema = z.object({
  id: z.string().min(1),
  profileId: z.string().min(1),
  profileName: z.string(),
  orgName: z.string(),
  action: z.string().min(1),
  from: z.string(),
  to: z.string(),
  queueIds: z.array(z.string()).default([]),
  actionDate: z.string().optional(),
  createdAt: z.string(),
  /** The job as last read; its state says whether it is still followed. */
  last: RecordingJobSchema,
  checkedAt: z.string().optional(),
  /** Checks in a row that saw no change: the next one waits longer (capped). */
  unchangedChecks: z.number().int().nonnegative().default(0),
  /** Genesys Cloud answered 404 for it: no longer followed. */
  gone: z.boolean().default(false),
})
export type OwnBulkJob = z.infer<typeof OwnBulkJobSchema>

const StoredFile = z.object({ version: z.literal(1), jobs: z.array(z.unknown()) })

/**
 * The bulk jobs made in this app, in <dataDir>/recordings/bulk-jobs.json: what makes a job "mine"
 * after a restart (the platform lets only its creator execute it) and what the follower resumes.
 * A file this version cannot read is kept aside, never overwritten silently.
 */
export class BulkJobStore {
  private readonly jobs = new Map<string, OwnBulkJob>()
  private readonly writer: CoalescedFileWriter

  private constructor(private readonly path: string) {
    this.writer = new CoalescedFileWriter(path, () => JSON.stringify({ version: 1, jobs: this.list() }, null, 1))
  }

  static async open(dataDir: string, now: () => Date): Promise<BulkJobStore> {
    const dir = join(dataDir, 'recordings')
    await ensurePrivateDir(dir)
    const store = new BulkJobStore(join(dir, FILE_NAME))
    for (const job of await readJobs(store.path, now)) store.jobs.set(job.id, job)
    return store
  }

  list(): OwnBulkJob[] {
    return [...this.jobs.values()]
  }

  get(id: string): OwnBulkJob | undefined {
    return this.jobs.get(id)
  }

  put(job: OwnBulkJob): void {
    this.jobs.set(job.id, job)
  }

  /** Writes the whole list; concurrent callers share one write that includes all their changes. */
  save(): Promise<void> {
    return this.writer.save()
  }
}

async function readJobs(path: string, now: () => Date): Promise<OwnBulkJob[]> {
  const text = await readTextIfPresent(path)
  if (text === undefined) return []
  const json = parseJsonText(text)
  const stored = json.ok ? StoredFile.safeParse(json.value) : undefined
  if (stored?.success) {
    return stored.data.jobs.flatMap((raw) => {
      const parsed = OwnBulkJobSchema.safeParse(raw)
      return parsed.success ? [parsed.data] : []
    })
  }
  await setAsideUnreadable(path, now)
  return []
}
