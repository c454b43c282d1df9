/**
 * kill -9 in the middle of a batch: a child process (test/fixtures/uploadsCrashChild.ts) uploads a
 * folder to this process's sandbox and is SIGKILLed right after the sandbox stored one of its files,
 * before the child could record it. A new core on the same data folder resumes: every file ends
 * uploaded exactly once, and nothing is reported done that the sandbox did not store.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { wavBytes } from '../fixtures/audio'
import { allSettled, makeDir, readAudit, startUploadSession } from './helpers/uploadSession'

const FILES = 60
const repoRoot = resolve(__dirname, '../..')
const childScript = join(repoRoot, 'test/fixtures/uploadsCrashChild.ts')

let sandbox: Sandbox
let dir: string
let dataDir: string

beforeAll(async () => {
  // Slow storage, so the batch is still running when the child is killed, and a 200 that leaves
  // 150 ms after the object is stored, so the kill lands while the child has not heard of it.
  sandbox = await startSandbox({ port: 0, seed: 5, faults: { latencyMs: [20, 60], storedAnswerDelayMs: 150, routes: '^/__uploads/' } })
  dir = await makeDir()
  dataDir = await makeDir('switchboard-crash-core-')
})
afterAll(async () => {
  await sandbox.close()
  await rm(dir, { recursive: true, force: true })
  await rm(dataDir, { recursive: true, force: true })
})

it('resumes after SIGKILL: every file uploaded exactly once, nothing done without proof', { timeout: 60_000 }, async () => {
  const folder = join(dir, 'batch')
  const hashes = new Map<string, string>()
  await rm(folder, { recursive: true, force: true })
  await mkdir(folder)
  for (let i = 0; i < FILES; i++) {
    const bytes = wavBytes({ variant: 5000 + i, bytes: 8000 + i * 64 })
    const name = `rec-${String(i).padStart(2, '0')}.wav`
    await writeFile(join(folder, name), bytes)
    hashes.set(name, createHash('sha256').update(bytes).digest('hex'))
  }

  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, sandbox.url, folder], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
  // Kill the moment the sandbox has stored a third of the files: the child has not heard back yet.
  await new Promise<void>((done, fail) => {
    const started = Date.now()
    const timer = setInterval(() => {
      if (sandbox.uploads().length >= FILES / 3) {
        child.kill('SIGKILL')
        clearInterval(timer)
        done()
      } else if (child.exitCode !== null || Date.now() - started > 40_000) {
        clearInterval(timer)
        fail(new Error(`the child did not get far enough: ${stderr}`))
      }
    }, 1)
  })
  expect(await exited, stderr).toBe('SIGKILL')
  const storedAtKill = sandbox.uploads().length
  expect(storedAtKill).toBeLessThan(FILES)

  const session = await startUploadSession({ existingSandbox: sandbox, dataDir })
  try {
    const before = await session.call('uploads.list', {})
    expect(before.rows).toHaveLength(FILES)
    const states = before.rows.map((r) => r.state)
    expect(states.every((s) => s === 'done' || s === 'interrupted')).toBe(true)
    expect(states.filter((s) => s === 'interrupted').length).toBeGreaterThan(0)
    // What the dead process reported done, the sandbox has.
    const storedKeys = new Set(sandbox.uploads().map((u) => u.key))
    for (const row of before.rows.filter((r) => r.state === 'done')) expect(storedKeys.has(row.uploadKey!)).toBe(true)

    const resumed = await session.call('uploads.resume', {})
    expect(resumed.length).toBe(states.filter((s) => s === 'interrupted').length)
    const after = await session.waitForRows((rows) => allSettled(rows), 40_000)
    expect(after.rows.filter((r) => r.state !== 'done').map((r) => `${r.name}: ${r.state} ${r.error?.message}`)).toEqual([])

    // Exactly once: one stored object per content, and each row's upload key is that object.
    const counts = sandbox.uploadCountBySha256()
    for (const sha of hashes.values()) expect(counts[sha]).toBe(1)
    const byKey = new Map(sandbox.uploads().map((u) => [u.key, u]))
    for (const row of after.rows) expect(byKey.get(row.uploadKey!)?.sha256).toBe(hashes.get(row.name))

    // One completion entry per file across both processes' audit, each naming a stored object.
    await session.call('audit.verify', {})
    const completed = (await readAudit(dataDir)).filter((e) => e.action === 'recording.upload.completed')
    expect(completed.map((e) => e.target).sort()).toEqual([...hashes.keys()].sort())
    for (const entry of completed) expect(byKey.get(entry.detail?.uploadKey as string)?.sha256).toBe(hashes.get(entry.target))
    // The upload that landed as the child died was settled by the upload report, not sent again.
    expect(completed.filter((e) => e.detail?.confirmedBy === 'report').length).toBeGreaterThanOrEqual(1)
  } finally {
    await session.close()
  }
})
