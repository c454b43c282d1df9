/** Shared helpers for the job tests. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoredJob } from '../../../src/main/core/jobs'

export const makeTempDir = () => mkdtemp(join(tmpdir(), 'sb-jobs-'))
export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true })
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Recent, so finished jobs are within the store's retention period unless a test says otherwise. */
const RECENT = new Date().toISOString()

export function makeJob(id: string, overrides: Partial<StoredJob> = {}): StoredJob {
  return {
    id,
    kind: 'work',
    title: `Job ${id}`,
    state: 'queued',
    params: { n: 1 },
    progress: {},
    attempts: 0,
    createdAt: RECENT,
    updatedAt: RECENT,
    ...overrides,
  }
}

export async function journalLines(dir: string): Promise<string[]> {
  return (await readFile(join(dir, 'jobs.journal'), 'utf8')).split('\n').filter(Boolean)
}

/** A promise with its resolve function, to hold a handler at a point of the test's choosing. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((r) => (open = r))
  return { promise, open }
}

/** Waits until check() is true, polling (for events in another process). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await sleep(10)
  }
}
