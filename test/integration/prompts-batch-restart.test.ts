/**
 * A prompt batch survives a stop in the middle: a child process killed with SIGKILL while prompts are
 * being created (each create answered slowly, so the kill often lands between the org applying a create
 * and the job hearing of it), and a core closed mid-batch. A new core on the same data folder resumes the
 * batch by itself: every prompt is created exactly once (a create that may have been sent is looked up,
 * not sent again), every resource is transcoded, and the batch is still listed.
 */
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import type { AuditEntry } from '../../src/shared/api'
import { openTestCore, restartableSession } from './helpers/coreSession'
import { call, removeFolders, tempFolder, waitForBatch, writePromptFiles } from './helpers/promptBatchSession'

const repoRoot = resolve(__dirname, '../..')
const childScript = join(repoRoot, 'test/fixtures/promptBatchCrashChild.ts')
const CREATE_ROUTE = 'POST /api/v2/architect/prompts'
/** Jobs at once (set in the child and below): at most this many creates can be cut off by a stop. */
const CONCURRENCY = 8
/** The first look at transcoding soon after the sandbox's 50 ms (the app waits about a second). */
const TUNING = { promptTuning: { firstPollMs: 100 } }
const SLOW_CREATES = { latencyMs: 150, routes: '^/api/v2/architect/prompts$', methods: ['POST'] }

let sandbox: Sandbox | undefined
let folders: string[] = []

afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
  await removeFolders(...folders)
  folders = []
})

async function setUp(names: string[]): Promise<{ dataDir: string; folder: string }> {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 100_000, promptTranscodeMs: 50, faults: SLOW_CREATES })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-prompts-crash-core-'))
  const folder = await tempFolder('prompts-crash')
  folders.push(dataDir, folder)
  await writePromptFiles(folder, names, ['en-us', 'fr-fr'])
  return { dataDir, folder }
}

function ourPrompts(s: Sandbox, prefix: string) {
  return s.prompts.list().filter((p) => p.name.startsWith(prefix))
}

async function expectEachCreatedOnce(entries: AuditEntry[], names: string[]): Promise<void> {
  const created = entries.filter((e) => e.action === 'prompt.created').map((e) => e.target.split('/')[1])
  expect(created.sort()).toEqual([...names].sort())
}

describe('a prompt batch stopped in the middle', () => {
  it('resumes after a SIGKILL without creating a prompt twice', { timeout: 90_000 }, async () => {
    const names = Array.from({ length: 16 }, (_, i) => `crash_prompt_${String(i + 1).padStart(2, '0')}`)
    const { dataDir, folder } = await setUp(names)
    const s = sandbox!
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript, dataDir, s.url, folder, String(TUNING.promptTuning.firstPollMs)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
    await vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the child stopped early: ${stderr}`)
        if (ourPrompts(s, 'crash_prompt_').length < 5) throw new Error('fewer than 5 prompts yet')
      },
      { timeout: 60_000, interval: 5 },
    )
    child.kill('SIGKILL')
    expect(await exited, stderr).toBe('SIGKILL')
    const atKill = ourPrompts(s, 'crash_prompt_').length
    expect(atKill).toBeLessThan(names.length)

    const core = await openTestCore(dataDir, s, TUNING)
    try {
      const [batch] = await call(core, 'prompts.batch.list', {})
      const done = await waitForBatch(core, batch.id)
      expect(done.counts).toEqual({ total: 32, transcoded: 32, failed: 0, skipped: 0, active: 0 })
      expect(done.items.every((row) => row.createdPrompt === true)).toBe(true)
      const prompts = ourPrompts(s, 'crash_prompt_')
      expect(prompts.map((p) => p.name).sort()).toEqual([...names].sort())
      for (const prompt of prompts) expect(prompt.resources.map((r) => r.uploadStatus)).toEqual(['transcoded', 'transcoded'])
      // A create cut off by the kill before the org read it is sent again; none was answered "exists"
      // (every row says its batch created the prompt), and each name was created once.
      expect(s.stats().byRoute[CREATE_ROUTE]).toBeGreaterThanOrEqual(names.length)
      expect(s.stats().byRoute[CREATE_ROUTE]).toBeLessThanOrEqual(names.length + CONCURRENCY)
      const page = await call(core, 'audit.query', { offset: 0, limit: 1000, filter: { action: 'prompt.created', hideApiCalls: true } })
      await expectEachCreatedOnce(page.entries, names)
    } finally {
      await core.close()
    }
  })

  it('resumes after the core is closed, and the batch list survives', { timeout: 60_000 }, async () => {
    const names = Array.from({ length: 10 }, (_, i) => `closed_core_prompt_${String(i + 1).padStart(2, '0')}`)
    const { dataDir, folder } = await setUp(names)
    const s = sandbox!
    const session = await restartableSession(s, dataDir, () => openTestCore(dataDir, s, TUNING))
    await call(session.core, 'prompts.settings.set', { concurrency: CONCURRENCY })
    const plan = await call(session.core, 'prompts.plan', { paths: [folder], defaultLanguage: 'en-us' })
    const started = await call(session.core, 'prompts.batch.start', { planId: plan.id })
    await vi.waitFor(
      () => {
        if (ourPrompts(s, 'closed_core_prompt_').length < 3) throw new Error('fewer than 3 prompts yet')
      },
      { timeout: 30_000, interval: 5 },
    )
    const core = await session.restart()
    try {
      const listed = await call(core, 'prompts.batch.list', {})
      expect(listed.map((b) => b.id)).toEqual([started.id])
      const done = await waitForBatch(core, started.id)
      expect(done.counts).toEqual({ total: 20, transcoded: 20, failed: 0, skipped: 0, active: 0 })
      expect(
        ourPrompts(s, 'closed_core_prompt_')
          .map((p) => p.name)
          .sort(),
      ).toEqual([...names].sort())
      expect(done.items.every((row) => row.createdPrompt === true)).toBe(true)
      expect(s.stats().byRoute[CREATE_ROUTE]).toBeLessThanOrEqual(names.length + CONCURRENCY)
      const page = await call(core, 'audit.query', { offset: 0, limit: 1000, filter: { action: 'prompt.created', hideApiCalls: true } })
      await expectEachCreatedOnce(page.entries, names)
    } finally {
      await core.close()
    }
  })
})
