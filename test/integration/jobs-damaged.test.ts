import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

let session: CoreSession | undefined
let dataDir: string | undefined
afterEach(async () => {
  await session?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
  session = undefined
  dataDir = undefined
})

const at = new Date().toISOString()
const stored = (id: string, kind: string, params: unknown, checkpoint?: unknown) =>
  JSON.stringify({
    op: 'put',
    job: {
      id,
      kind,
      title: `Job ${id}`,
      state: 'interrupted',
      params,
      ...(checkpoint ? { checkpoint } : {}),
      progress: {},
      attempts: 1,
      createdAt: at,
      updatedAt: at,
    },
  }) + '\n'

describe('the workflows declare their job kinds with schemas', () => {
  it('an upload or audit export left in the journal with params or a checkpoint they no longer accept is reported damaged, not run', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-damaged-'))
    await mkdir(join(dataDir, 'jobs'), { recursive: true })
    const uploadParams = {
      batchId: 'b1',
      profileId: 'sandbox',
      path: '/nowhere/a.wav',
      name: 'a.wav',
      size: 10,
      type: 'wav',
      metadata: {},
      force: false,
    }
    await writeFile(
      join(dataDir, 'jobs', 'jobs.journal'),
      stored('upload-bad-params', 'recording.upload', { ...uploadParams, size: -1 }) +
        stored('upload-bad-checkpoint', 'recording.upload', uploadParams, { stage: 'halfway' }) +
        stored('export-bad-params', 'audit.export', { format: 'pdf', path: '/tmp/x.pdf' }),
    )
    session = await startCoreSession({}, dataDir)
    const jobs = await session.core.handlers['jobs.list']({})
    const byId = Object.fromEntries(jobs.map((j) => [j.id, j]))
    for (const id of ['upload-bad-params', 'upload-bad-checkpoint', 'export-bad-params']) {
      expect(byId[id]).toMatchObject({ state: 'failed', error: { code: 'job_damaged', hint: 'Cancel it and start it again.' } })
    }
    expect(byId['upload-bad-params'].error?.message).toContain('params.size')
    expect(byId['upload-bad-checkpoint'].error?.message).toContain('checkpoint.stage')
    expect(byId['export-bad-params'].error?.message).toContain('params.format')
    expect((await session.core.handlers['app.info']({})).notices.find((n) => n.id === 'jobs-damaged')?.message).toMatch(/^3 saved job/)
    expect((await session.core.handlers['app.info']({})).notices.map((n) => n.id)).not.toContain('jobs-interrupted')
    // "Resume all" finds nothing to resume: a damaged job is never handed to its handler.
    expect(await session.core.handlers['jobs.resumeAll']({})).toEqual([])
  })
})
