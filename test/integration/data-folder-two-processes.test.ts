/**
 * The app's core and the command line on one data folder at once (issue 16): real child processes
 * (`node --import tsx`) write the same audit log, settings file and job journal as this process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { AUDIT_LOCK, openAuditLog, type AuditLog } from '../../src/main/core/audit/auditLog'
import { FileLock } from '../../src/main/core/files/fileLock'
import { createJobRunner, openJobStore } from '../../src/main/core/jobs'
import { openConfSettings } from '../../src/main/core/settings/openSettings'

const repoRoot = resolve(__dirname, '../..')
const childScript = join(repoRoot, 'test/fixtures/dataFolderChild.ts')
const dirs: string[] = []
const children: ChildProcess[] = []

/** Nothing torn, cut or unsigned is left for a restart to find: only the killed child's unclean stop. */
async function expectOnlyUncleanStopAtRestart(dir: string): Promise<void> {
  const again = await openAuditLog({ dir })
  expect(again.startupReport).toEqual({ uncleanStop: { lostFrom: expect.any(String), lostUntil: expect.any(String) } })
  expect((await again.verify()).ok).toBe(true)
  await again.close()
}

async function makeDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-two-processes-'))
  dirs.push(dir)
  return dir
}

function child(...args: string[]): {
  process: ChildProcess
  exited: Promise<{ code: number | null; stderr: string }>
  stdout: () => string
} {
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(proc)
  let stdout = ''
  let stderr = ''
  proc.stdout?.on('data', (d) => (stdout += d))
  proc.stderr?.on('data', (d) => (stderr += d))
  const exited = new Promise<{ code: number | null; stderr: string }>((done) => proc.on('exit', (code) => done({ code, stderr })))
  return { process: proc, exited, stdout: () => stdout }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('one data folder, two processes', { timeout: 60_000 }, () => {
  it('both write the audit log and the settings at once: no line and no key is lost, and the chain verifies', async () => {
    const dir = await makeDir()
    const log = await openAuditLog({ dir: join(dir, 'audit'), flushIntervalMs: 5 })
    const settings = openConfSettings(dir)
    const cliAudit = child('audit', join(dir, 'audit'), '150', 'cli')
    const cliSettings = child('settings', dir, '40', 'cli')
    // Write here until the children are done, so both really write at the same time.
    let done = false
    void Promise.all([cliAudit.exited, cliSettings.exited]).then(() => (done = true))
    let here = 0
    while (!done || here < 150) {
      log.append({ profile: 'app', org: 'o', action: 'test.append', target: `app-${here}`, outcome: 'ok' })
      settings.set(`app.${here}`, here)
      here += 1
      if (here % 10 === 0) await log.flush()
      if (here % 50 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    for (const c of [cliAudit, cliSettings]) expect((await c.exited).code, (await c.exited).stderr).toBe(0)

    const verdict = await log.verify()
    expect(verdict.ok, verdict.firstBad?.reason ?? verdict.head?.problem).toBe(true)
    const entries = await log.tail(100_000)
    const targets = (who: string) => entries.filter((e) => e.profile === who).map((e) => e.target)
    expect(new Set(targets('cli')).size).toBe(150)
    expect(targets('cli')).toHaveLength(150)
    expect(new Set(targets('app')).size).toBe(here)
    // Every line is whole and in seq order with no gap: no entry was written over or into another.
    const seqs = entries.map((e) => e.seq).reverse()
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i))
    await log.close()

    for (let i = 0; i < 40; i++) expect(settings.get(`cli.${i}`), `cli.${i}`).toBe(i)
    const again = openConfSettings(dir)
    for (let i = 0; i < here; i++) expect(again.get(`app.${i}`), `app.${i}`).toBe(i)
  })

  it('a process killed mid-write leaves a torn line: the one still running sets it aside at its next take of the lock and goes on', async () => {
    const torn: { path: string; bytes: number }[] = []
    const { dir, log } = await killedPeer(['5', 'cli'], (log) => log.onTornTail((t) => torn.push(t)))
    const mine = log.append({ profile: 'app', org: 'o', action: 'test.append', target: 'app-1', outcome: 'ok' })
    await log.flush()
    // The chain goes on from the child's last whole line: no gap, nothing glued to the torn bytes.
    const verdict = await log.verify()
    expect(verdict.ok, verdict.firstBad?.reason ?? verdict.head?.problem).toBe(true)
    const entries = (await log.tail(100)).reverse()
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(entries.slice(-3).map((e) => [e.action, e.target])).toEqual([
      ['test.append', 'cli-4'],
      ['test.append', 'app-1'],
      ['audit.tornTailSetAside', expect.stringMatching(/^audit\.torn-.*\.jsonl$/)],
    ])
    // Appended before the tear was found, renumbered to follow the child's last whole line.
    expect(mine.seq).toBe(7)
    expect((await readFile(log.path, 'utf8')).endsWith('\n')).toBe(true)

    expect(torn).toHaveLength(1)
    expect(torn[0].path).toMatch(/audit\.torn-.*\.jsonl$/)
    const tornText = await readFile(torn[0].path, 'utf8')
    expect(tornText).toMatch(/^\{"seq":7,/)
    expect(torn[0].bytes).toBe(Buffer.byteLength(tornText))
    expect(verdict.tornTail).toEqual(torn[0])
    await log.close()

    await expectOnlyUncleanStopAtRestart(dir)
  })

  it('a process killed in the middle of a batch: its whole unsigned lines are followed and reported, its torn line set aside', async () => {
    const { dir, log } = await killedPeer(['3', 'cli', '2'])

    log.append({ profile: 'app', org: 'o', action: 'test.append', target: 'app-1', outcome: 'ok' })
    await log.flush()
    const entries = (await log.tail(100)).reverse()
    expect(entries.map((e) => [e.seq, e.action, e.target])).toEqual([
      [1, 'test.append', 'app-0'],
      [2, 'test.append', 'cli-0'],
      [3, 'test.append', 'cli-1'],
      [4, 'test.append', 'cli-2'],
      [5, 'test.append', 'cli-unsigned-0'],
      [6, 'test.append', 'cli-unsigned-1'],
      [7, 'test.append', 'app-1'],
      [8, 'audit.tornTailSetAside', expect.stringMatching(/^audit\.torn-/)],
      [9, 'audit.anchorProblem', 'audit.jsonl'],
    ])
    // The chain is whole; the lines no signature covered are reported for this session, as at start-up.
    const verdict = await log.verify()
    expect(verdict.firstBad).toBeUndefined()
    expect(verdict.ok).toBe(false)
    expect(verdict.head?.problem).toMatch(/^Entries seq 5 to 6 come after the signed head \(seq 4\) and are not covered by its signature/)
    await log.close()
    await expectOnlyUncleanStopAtRestart(dir)
  })

  it('a process killed after writing a batch and before signing it: the one still running goes on from its lines, reported', async () => {
    const { dir, log } = await killedPeer(['2', 'cli', '2', 'whole'])

    log.append({ profile: 'app', org: 'o', action: 'test.append', target: 'app-1', outcome: 'ok' })
    await log.flush()
    const entries = (await log.tail(100)).reverse()
    // Not a fork: the app's entry follows the child's unsigned lines instead of taking their seqs.
    expect(entries.map((e) => [e.seq, e.action, e.target])).toEqual([
      [1, 'test.append', 'app-0'],
      [2, 'test.append', 'cli-0'],
      [3, 'test.append', 'cli-1'],
      [4, 'test.append', 'cli-unsigned-0'],
      [5, 'test.append', 'cli-unsigned-1'],
      [6, 'test.append', 'app-1'],
      [7, 'audit.anchorProblem', 'audit.jsonl'],
    ])
    const verdict = await log.verify()
    expect(verdict.firstBad).toBeUndefined()
    expect(verdict.ok).toBe(false)
    expect(verdict.head?.problem).toMatch(/^Entries seq 4 to 5 come after the signed head \(seq 3\) and are not covered by its signature/)
    await log.close()
    const again = await openAuditLog({ dir })
    expect((await again.verify()).ok).toBe(true)
    await again.close()
  })

  /**
   * This process's log with one entry (app-0), then a child that appends and is killed as `torn` says
   * (see dataFolderChild.ts); `watch` sees the log before anything happens.
   */
  async function killedPeer(tornArgs: string[], watch?: (log: AuditLog) => void): Promise<{ dir: string; log: AuditLog }> {
    const dir = join(await makeDir(), 'audit')
    const log = await openAuditLog({ dir, flushIntervalMs: 5, lockWaitMs: 30_000 })
    watch?.(log)
    log.append({ profile: 'app', org: 'o', action: 'test.append', target: 'app-0', outcome: 'ok' })
    await log.flush()
    const died = await child('torn', dir, ...tornArgs).exited
    expect(died.code, died.stderr).toBeNull()
    // It died holding the lock, which is taken over once stale (not refreshed for 10 s): aged here instead of waited for.
    const past = new Date(Date.now() - 60_000)
    await utimes(join(dir, AUDIT_LOCK), past, past)
    return { dir, log }
  }

  /** A child that keeps the log open; resolves with the start-up report it printed. */
  async function holder(
    dir: string,
    name: string,
  ): Promise<{ process: ChildProcess; exited: Promise<{ code: number | null }>; report: unknown }> {
    const c = child('hold', dir, name)
    await vi.waitFor(() => expect(c.stdout()).toMatch(/^ready .*\n/), { timeout: 30_000, interval: 50 })
    return { ...c, report: JSON.parse(/^ready (.*)\n/.exec(c.stdout())?.[1] as string) }
  }

  async function uncleanStops(dir: string): Promise<unknown[]> {
    const log = await openAuditLog({ dir })
    const found = (await log.query({ filter: { action: 'audit.unclean_stop' } })).entries.map((e) => e.detail?.pid)
    await log.close()
    return found
  }

  it('a process killed while another still runs is reported by the next start, once; the live one is not', async () => {
    const dir = join(await makeDir(), 'audit')
    const first = await holder(dir, 'first')
    const second = await holder(dir, 'second')
    // The first is running: the second's start reports no stop.
    expect(second.report).toEqual({})
    first.process.kill('SIGKILL')
    await first.exited

    const log = await openAuditLog({ dir })
    expect(log.startupReport.uncleanStop).toEqual({ lostFrom: expect.any(String), lostUntil: expect.any(String) })
    const stops = (await log.query({ filter: { action: 'audit.unclean_stop' } })).entries
    expect(stops.map((e) => e.detail?.pid)).toEqual([first.process.pid])
    await log.close()

    second.process.kill('SIGINT')
    expect((await second.exited).code).toBe(0)
    // Every run closed cleanly since: nothing more is reported, and no run record is left.
    expect(await uncleanStops(dir)).toEqual([first.process.pid])
    expect(await readdir(join(dir, 'audit.runs'))).toEqual([])
  })

  it("one process's clean close does not hide another's crash", async () => {
    const dir = join(await makeDir(), 'audit')
    const log = await openAuditLog({ dir })
    const other = await holder(dir, 'cli')
    expect(other.report).toEqual({})
    await log.close()
    other.process.kill('SIGKILL')
    await other.exited
    expect(await uncleanStops(dir)).toEqual([other.process.pid])
  })

  it('a job the command line runs is seen here, left alone while it runs, and resumable here once it is killed', async () => {
    const dir = await makeDir()
    const store = await openJobStore({ dir })
    const runner = createJobRunner({ store, handlers: { work: async () => undefined } })
    await runner.start()
    const cli = child('job', dir)
    await vi.waitFor(() => expect(cli.stdout()).toMatch(/running \S+/), { timeout: 30_000, interval: 50 })
    const id = /running (\S+)/.exec(cli.stdout())?.[1] as string

    await runner.refresh()
    expect(runner.get(id)).toMatchObject({ title: 'long job', state: 'running' })
    await expect(runner.resume(id)).resolves.toMatchObject({ state: 'running' })
    await expect(runner.pause(id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`pid ${cli.process.pid}`) })

    cli.process.kill('SIGKILL')
    await cli.exited
    await runner.refresh()
    expect(runner.get(id)?.state).toBe('interrupted')
    // The checkpoints the killed process saved were read here.
    expect((store.get(id)?.checkpoint as { next: number }).next).toBeGreaterThan(0)
    const resumed = await runner.resume(id)
    expect(resumed.state).toBe('queued')
    await vi.waitFor(() => expect(runner.get(id)?.state).toBe('done'), { timeout: 10_000, interval: 20 })
    await runner.close()
    await store.close()
  })

  it('Ctrl-C in the command line pauses its job; this process resumes it', async () => {
    const dir = await makeDir()
    const cli = child('job', dir)
    await vi.waitFor(() => expect(cli.stdout()).toMatch(/running \S+/), { timeout: 30_000, interval: 50 })
    const id = /running (\S+)/.exec(cli.stdout())?.[1] as string
    cli.process.kill('SIGINT')
    expect((await cli.exited).code).toBe(0)

    const store = await openJobStore({ dir })
    expect(store.startupReport.interrupted).toEqual([])
    const runner = createJobRunner({ store, handlers: { work: async () => undefined } })
    expect(runner.get(id)?.state).toBe('paused')
    await runner.resume(id)
    await vi.waitFor(() => expect(runner.get(id)?.state).toBe('done'), { timeout: 10_000, interval: 20 })
    await runner.close()
    await store.close()
  })

  it('a lock held too long ends in an error that names what is held and by whom', async () => {
    const dir = await makeDir()
    const holder = new FileLock({ path: join(dir, AUDIT_LOCK), what: 'the audit log' })
    let letGo = () => {}
    const held = holder.run(() => new Promise<void>((r) => (letGo = r)))
    await vi.waitFor(async () => {
      const error = await openAuditLog({ dir, lockWaitMs: 200 }).catch((e: unknown) => e)
      expect(error).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(new RegExp(`^The audit log is busy: process ${process.pid} .* has held its lock`)),
        hint: expect.stringContaining('Another Switchboard'),
      })
    })
    letGo()
    await held
    const log = await openAuditLog({ dir, lockWaitMs: 200 })
    await log.close()
  })
})
