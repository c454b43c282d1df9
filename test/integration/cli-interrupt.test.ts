/**
 * Ctrl-C in the middle of an upload: the CLI pauses its jobs, closes the core and exits 130; `switchboard
 * jobs cancel` gives one up, and `switchboard jobs resume` finishes the other from its checkpoint, once.
 */
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { writeWav } from '../fixtures/audio'
import { runCli, sandboxProfileFor, startCli } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'

const ws = cliWorkspace('switchboard-cli-int-')

it(
  'SIGINT mid-upload pauses the jobs and exits 130; jobs cancel gives one up, jobs resume finishes the other, stored once',
  { timeout: 120_000 },
  async () => {
    const data = join(ws.work, 'data')
    const folder = join(ws.work, 'recordings')
    await mkdir(folder)
    for (let i = 0; i < 2; i++) await writeWav(join(folder, `slow-${i}.wav`), { variant: 500 + i, bytes: 64_000 })
    const env = sandboxProfileFor(ws.sandbox)
    // Every presigned PUT is held for a while before the storage reads it: the upload is mid-way when Ctrl-C comes.
    ws.sandbox.setFaults({ latencyMs: 60_000, routes: '^/__uploads/' })

    const run = startCli(['--data', data, '--profile', 'sandbox', 'upload', folder], { env })
    await vi.waitFor(() => expect(run.stdoutSoFar()).toContain('Uploading to'), { timeout: 30_000, interval: 50 })
    run.child.kill('SIGINT')
    const stopped = await run.done
    expect(stopped.code).toBe(130)
    expect(stopped.stderr).toMatch(/2 job\(s\) paused/)
    expect(ws.sandbox.uploads()).toHaveLength(0)
    // The audit log was closed, not left: its run record is gone, so the next start reports no unclean stop.
    expect(await readdir(join(data, 'audit', 'audit.runs'))).toEqual([])

    const listed = await runCli(['--data', data, '--json', 'jobs', 'list'], { env })
    const uploads = listed.json().filter((j) => j.kind === 'recording.upload') as { id: string; state: string }[]
    expect(uploads.map((j) => j.state)).toEqual(['paused', 'paused'])

    // One is given up: cancelled, it is not resumed; an unknown id is bad usage and cancels nothing.
    const unknown = await runCli(['--data', data, 'jobs', 'cancel', uploads[0].id, 'no-such-job'], { env })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No job with id no-such-job.')
    const cancelled = await runCli(['--data', data, '--json', 'jobs', 'cancel', uploads[0].id], { env })
    expect(cancelled.code, cancelled.stderr).toBe(0)
    expect(cancelled.json()).toEqual([expect.objectContaining({ type: 'job', id: uploads[0].id, state: 'cancelled' })])

    ws.sandbox.setFaults({})
    const resumed = await runCli(['--data', data, '--profile', 'sandbox', '--json', 'jobs', 'resume'], { env })
    expect(resumed.stderr).toContain('Resumed 1 job(s)')
    expect(resumed.code).toBe(0)
    expect(resumed.json().map((j) => [j.id, j.state])).toEqual([[uploads[1].id, 'done']])
    expect(ws.sandbox.uploads()).toHaveLength(1)
    expect(Object.values(ws.sandbox.uploadCountBySha256())).toEqual([1])
  },
)
