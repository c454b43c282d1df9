/**
 * A bad day: 10% of API requests answered 429 (Retry-After 1 to 2 s, really waited), 5% answered 5xx
 * and 2% of answers cut off by a connection reset, on the API and on the storage. A batch of 300
 * recordings still ends with every file uploaded exactly once and one final audit entry per file.
 */
import { createHash } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { wavBytes } from '../fixtures/audio'
import { allSettled, makeDir, readAudit, startUploadSession, type UploadSession } from './helpers/uploadSession'

const FILES = 300
let session: UploadSession
let dir: string

beforeAll(async () => {
  // The budget is raised so that the injected faults, not the rate limit, are what is tested here.
  session = await startUploadSession({ sandbox: { rateLimitPerMinute: 6000, seed: 20240611 } })
  dir = await makeDir()
})
afterAll(async () => {
  await session.close()
  await rm(dir, { recursive: true, force: true })
})

it('uploads 300 files exactly once through 429s, 5xx and resets', { timeout: 60_000 }, async () => {
  const hashes = new Map<string, string>()
  const paths: string[] = []
  for (let i = 0; i < FILES; i++) {
    const bytes = wavBytes({ variant: 1000 + i, bytes: 4096 + ((i * 997) % 12_288) })
    const path = join(dir, `call-${String(i).padStart(3, '0')}.wav`)
    await writeFile(path, bytes)
    hashes.set(`call-${String(i).padStart(3, '0')}.wav`, createHash('sha256').update(bytes).digest('hex'))
    paths.push(path)
  }
  await session.call('uploads.settings.set', { concurrency: 16 })
  session.sandbox.setFaults({ rateLimitBurstRate: 0.1, retryAfterSeconds: [1, 2], errorRate5xx: 0.05, resetRate: 0.02 })

  await session.call('uploads.start', { paths: [dir] })
  const snapshot = await session.waitForRows((rows) => rows.length === FILES && allSettled(rows), 55_000)
  session.sandbox.setFaults({})

  const failed = snapshot.rows.filter((r) => r.state !== 'done')
  expect(failed.map((r) => `${r.name}: ${r.state} ${r.error?.message}`)).toEqual([])
  const counts = session.sandbox.uploadCountBySha256()
  expect(Object.keys(counts).length).toBe(FILES)
  for (const sha of hashes.values()) expect(counts[sha]).toBe(1)

  // The faults really happened, and were really waited out.
  const stats = session.sandbox.stats()
  expect(stats.faults.burst429).toBeGreaterThan(10)
  expect(stats.faults.error5xx).toBeGreaterThan(5)
  expect(stats.faults.reset).toBeGreaterThan(1)
  await session.call('audit.verify', {})
  const audit = await readAudit(session.dataDir)
  const waits = audit.filter((e) => e.action === 'api.call' && e.outcome === 'retry' && typeof e.detail?.retryAfterSeconds === 'number')
  expect(waits.length).toBeGreaterThan(5)

  // Exactly one final entry per file, and it names the right content.
  const finals = audit.filter((e) =>
    ['recording.upload.completed', 'recording.upload.skipped', 'recording.upload.failed'].includes(e.action),
  )
  expect(finals.length).toBe(FILES)
  expect(new Set(finals.map((e) => e.target)).size).toBe(FILES)
  for (const entry of finals) {
    expect(entry.action).toBe('recording.upload.completed')
    expect(entry.detail?.sha256).toBe(hashes.get(entry.target))
  }
  expect(finals.some((e) => (e.detail?.retries as number) > 0)).toBe(true)
})
