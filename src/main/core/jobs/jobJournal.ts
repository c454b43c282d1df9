/**
 * The job journal's records (one JSON line each) and their replay. A state change costs one short
 * line, whatever the number of jobs; replay applies the lines in order to rebuild the jobs.
 */
import { z } from 'zod'
import { JobState } from '../../../shared/api'
import { AppErrorData } from '../../../shared/errors'
import type { JobPatch, StoredJob } from './jobTypes'

const ProgressSchema = z.object({
  doneBytes: z.number().optional(),
  totalBytes: z.number().optional(),
  bytesPerSecond: z.number().optional(),
  etaSeconds: z.number().optional(),
  step: z.string().optional(),
  retry: z.object({ attempt: z.number(), maxAttempts: z.number(), at: z.string(), reason: z.string() }).optional(),
})

const StoredJobSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  title: z.string(),
  state: JobState,
  params: z.unknown(),
  checkpoint: z.unknown().optional(),
  progress: ProgressSchema,
  error: AppErrorData.optional(),
  runAt: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  owner: z.object({ pid: z.number().int(), run: z.string().max(100) }).optional(),
})

const PatchSchema = StoredJobSchema.pick({
  title: true,
  state: true,
  checkpoint: true,
  progress: true,
  error: true,
  attempts: true,
  runAt: true,
  owner: true,
}).partial()

/** `unset` lists fields to delete (JSON has no undefined). */
const RecordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), job: StoredJobSchema }),
  z.object({
    op: z.literal('patch'),
    id: z.string().min(1),
    at: z.string(),
    patch: PatchSchema,
    unset: z.array(z.enum(['checkpoint', 'error', 'runAt', 'owner'])).optional(),
  }),
  z.object({ op: z.literal('remove'), id: z.string().min(1) }),
])
export type JournalRecord = z.infer<typeof RecordSchema>

export function putRecord(job: StoredJob): string {
  return JSON.stringify({ op: 'put', job }) + '\n'
}

export function patchRecord(id: string, patch: JobPatch, at: string): string {
  const set: Record<string, unknown> = {}
  const unset: string[] = []
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) unset.push(key)
    else set[key] = value
  }
  const record: Record<string, unknown> = { op: 'patch', id, at, patch: set }
  if (unset.length > 0) record.unset = unset
  return JSON.stringify(record) + '\n'
}

export function removeRecord(id: string): string {
  return JSON.stringify({ op: 'remove', id }) + '\n'
}

export function parseJournalLine(line: string): JournalRecord | undefined {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Applies one record; returns false when it refers to a job that does not exist. */
export function applyRecord(jobs: Map<string, StoredJob>, record: JournalRecord): boolean {
  if (record.op === 'put') {
    jobs.set(record.job.id, record.job as StoredJob)
    return true
  }
  if (record.op === 'remove') {
    jobs.delete(record.id)
    return true
  }
  const job = jobs.get(record.id)
  if (!job) return false
  const next: StoredJob = { ...job, ...(record.patch as JobPatch), updatedAt: record.at }
  for (const key of record.unset ?? []) delete next[key]
  jobs.set(record.id, next)
  return true
}

/** The patch as it will be after a JSON round trip (undefined means "delete"). */
export function applyPatch(job: StoredJob, patch: JobPatch, at: string): StoredJob {
  const next: StoredJob = { ...job, updatedAt: at }
  for (const [key, value] of Object.entries(patch) as [keyof JobPatch, unknown][]) {
    if (value === undefined) delete next[key]
    else (next as unknown as Record<string, unknown>)[key] = jsonCopy(value)
  }
  return next
}

/** What a value becomes after it is written to the journal and read back. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}
