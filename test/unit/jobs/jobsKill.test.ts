/**
 * kill -9 in the middle of running jobs: a child process (test/fixtures/jobsKillChild.ts, run with
 * `node --import tsx`) submits six 20-step jobs and is SIGKILLed while some are done, some running and
 * some waiting. Reopening the store must lose nothing, show the unfinished jobs as interrupted, and
 * resuming must finish each of them exactly once, repeating at most the one step that was in flight.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createJobRunner, openJobStore } from '../../../src/main/core/jobs'
import { stepHandler } from '../../fixtures/jobStepHandler'
import { makeTempDir, removeDir, waitFor } from './jobTestKit'

const repoRoot = resolve(__dirname, '../../..')
const childScript = join(repoRoot, 'test/fixtures/jobsKillChild.ts')
const JOBS = 6
const STEPS = 20

async function effects(dir: string): Promise<{ id: string; step: number; who: string }[]> {
  const text = await readFile(join(dir, 'effects.log'), 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, step, who] = line.split(' ')
      return { id, step: Number(step), who }
    })
}

describe('durable jobs survive kill -9', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('loses no job and finishes each interrupted one exactly once', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir, String(JOBS)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))

    // Kill once two jobs have finished and the next two are part-way.
    await waitFor(
      async () => (await effects(dir)).length >= 2 * STEPS + 10 || child.exitCode !== null,
      'the child to make progress',
      25_000,
    )
    child.kill('SIGKILL')
    expect(await exited, stderr).toBe('SIGKILL')
    const beforeKill = await effects(dir)
    expect(beforeKill.length).toBeLessThan(JOBS * STEPS)

    const store = await openJobStore({ dir })
    const jobs = store.list()
    expect(jobs).toHaveLength(JOBS)
    const states = jobs.map((j) => j.state)
    expect(states.every((s) => s === 'done' || s === 'interrupted')).toBe(true)
    expect(states.filter((s) => s === 'interrupted').length).toBeGreaterThanOrEqual(2)
    expect(store.startupReport.interrupted.sort()).toEqual(
      jobs
        .filter((j) => j.state === 'interrupted')
        .map((j) => j.id)
        .sort(),
    )
    const doneBefore = new Set(jobs.filter((j) => j.state === 'done').map((j) => j.id))
    const checkpointAtReopen = new Map(jobs.map((j) => [j.id, (j.checkpoint as { next: number } | undefined)?.next ?? 0]))

    const completions: string[] = []
    const runner = createJobRunner({
      store,
      handlers: { work: stepHandler(dir, 'parent') },
      concurrency: { work: 2 },
      onChange: (v) => v.state === 'done' && completions.push(v.id),
    })
    const resumed = await runner.resumeInterrupted()
    expect(resumed.map((j) => j.id).sort()).toEqual(store.startupReport.interrupted.sort())
    await runner.idle()
    await runner.close()
    await store.close()

    // Every job is done; each resumed job completed exactly once, the others were not run again.
    const reopened = await openJobStore({ dir })
    expect(reopened.list().map((j) => j.state)).toEqual(Array(JOBS).fill('done'))
    await reopened.close()
    expect(completions.sort()).toEqual(resumed.map((j) => j.id).sort())

    const all = await effects(dir)
    for (const job of jobs) {
      const mine = all.filter((e) => e.id === job.id)
      const counts = new Map<number, number>()
      for (const e of mine) counts.set(e.step, (counts.get(e.step) ?? 0) + 1)
      // every step ran
      expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: STEPS }, (_, i) => i))
      if (doneBefore.has(job.id)) {
        expect(mine.every((e) => e.who === 'child')).toBe(true)
        expect([...counts.values()].every((c) => c === 1)).toBe(true)
        continue
      }
      // checkpointed steps never ran again; only the step in flight at the kill may have run twice
      const resumedFrom = checkpointAtReopen.get(job.id) ?? 0
      expect(mine.filter((e) => e.who === 'parent').map((e) => e.step)).toEqual(
        Array.from({ length: STEPS - resumedFrom }, (_, i) => resumedFrom + i),
      )
      const repeated = [...counts.entries()].filter(([, c]) => c > 1)
      expect(repeated.length).toBeLessThanOrEqual(1)
      for (const [step, count] of repeated) {
        expect(step).toBe(resumedFrom)
        expect(count).toBe(2)
      }
    }
  })
})
