/**
 * Flow exports (issue 13) against the real sandbox: the platform's export job moves Registered -> Started
 * -> Success on the sandbox clock and the file is saved under the folder's exports/ with its SHA-256; the
 * failing flow's Failure shows the exporter's message; a restart while polling polls the same platform
 * job; a client without architect:jobExport:create is told which permission to add.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox/flows/flowSeeds'
import type { AuditEntry } from '../../src/shared/api'
import type { ExportView } from '../../src/shared/contract/flows'
import type { Core } from '../../src/main/core'
import {
  EXPORT_STEP_MS,
  inExportState,
  startFlowExportSession,
  unknownStatusProxy,
  waitForExport,
  type FlowExportSession,
} from './helpers/flowExportSession'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function session(...args: Parameters<typeof startFlowExportSession>): Promise<FlowExportSession> {
  const s = await startFlowExportSession(...args)
  cleanups.push(() => s.close())
  return s
}

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-flow-exports-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function entries(core: Core, action: string): Promise<AuditEntry[]> {
  const page = await core.handlers['audit.query']({ offset: 0, limit: 1000, filter: { action } })
  return page.entries.sort((a, b) => a.seq - b.seq)
}

const isFinished = (view: ExportView) => ['saved', 'failed', 'cancelled'].includes(view.state)

/** Moves the sandbox's export on by one phase once the core has seen the current one. */
async function step(s: FlowExportSession, id: string, seenState: string): Promise<void> {
  await waitForExport(s.core, id, inExportState(seenState))
  s.clock.advance(EXPORT_STEP_MS)
}

describe('exporting flows with the export jobs API', () => {
  it('follows Registered -> Started -> Success and saves the YAML beside the archive with its SHA-256', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({ flowIds: [SANDBOX_FLOW_SEEDS.mainIvr], exportType: 'Yaml', folder: dir })
    expect(started).toMatchObject({ state: 'queued', exportType: 'Yaml', folder: dir, messages: [] })

    await step(s, started.id, 'Registered')
    await step(s, started.id, 'Started')
    const saved = await waitForExport(s.core, started.id, isFinished)

    expect(saved).toMatchObject({ state: 'saved', flowNames: ['Main IVR'], flowIds: [SANDBOX_FLOW_SEEDS.mainIvr] })
    expect(s.seen.get(started.id)).toEqual(['queued', 'Registered', 'Started', 'Success', 'saving', 'saved'])
    expect(dirname(saved.path ?? '')).toBe(join(dir, 'exports'))
    expect(basename(saved.path ?? '')).toMatch(/^Main IVR-Yaml-\d{8}T\d{6}Z\.yaml$/)
    const bytes = await readFile(saved.path ?? '')
    expect(saved.sizeBytes).toBe(bytes.length)
    expect(saved.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(bytes.toString('utf8')).toMatch(/^inboundCall:/)
    // Only the file: no temp or part file is left beside it.
    expect(await readdir(join(dir, 'exports'))).toEqual([basename(saved.path ?? '')])
    expect(saved.platformJobId).toBeDefined()

    const audit = [
      ...(await entries(s.core, 'flows.export.start')),
      ...(await entries(s.core, 'flows.export.submitted')),
      ...(await entries(s.core, 'flows.export.saved')),
    ]
    expect(audit.map((e) => e.action)).toEqual(['flows.export.start', 'flows.export.submitted', 'flows.export.saved'])
    expect(audit[2]).toMatchObject({
      outcome: 'ok',
      target: `flows/export/jobs/${saved.platformJobId}`,
      detail: { sha256: saved.sha256, bytes: saved.sizeBytes, file: basename(saved.path ?? '') },
    })
    // The list shows the same export, in a view numbered after the last signal's.
    expect((await s.core.handlers['flows.export.list']({}))[0]).toEqual({ ...saved, revision: expect.any(Number) as number })
  })

  it('saves several flows as one zip, named after the first and how many more', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({
      flowIds: [SANDBOX_FLOW_SEEDS.mainIvr, SANDBOX_FLOW_SEEDS.inQueue, SANDBOX_FLOW_SEEDS.bot],
      exportType: 'Yaml',
      folder: dir,
    })
    await step(s, started.id, 'Registered')
    await step(s, started.id, 'Started')
    const saved = await waitForExport(s.core, started.id, isFinished)
    expect(saved.state).toBe('saved')
    expect(basename(saved.path ?? '')).toMatch(/^Main IVR and 2 more-Yaml-\d{8}T\d{6}Z\.zip$/)
    const bytes = await readFile(saved.path ?? '')
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
    expect(saved.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('names an Architect export after the format the platform gives it', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({ flowIds: [SANDBOX_FLOW_SEEDS.bot], exportType: 'Architect', folder: dir })
    await step(s, started.id, 'Registered')
    await step(s, started.id, 'Started')
    const saved = await waitForExport(s.core, started.id, isFinished)
    expect(basename(saved.path ?? '')).toMatch(/^Billing Bot-Architect-\d{8}T\d{6}Z\.i3Bot$/)
  })

  it('shows the failing flow’s Failure with the exporter’s message, the correlation id and a hint', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({
      flowIds: [SANDBOX_FLOW_SEEDS.exportFails],
      exportType: 'Yaml',
      folder: dir,
    })
    await step(s, started.id, 'Registered')
    await step(s, started.id, 'Started')
    const failed = await waitForExport(s.core, started.id, isFinished)

    expect(failed.state).toBe('failed')
    expect(s.seen.get(started.id)).toContain('Failure')
    expect(failed.messages).toEqual(['Archy exit code 107 (Legacy Claims IVR)'])
    expect(failed.error?.message).toContain('Archy exit code 107')
    expect(failed.error?.hint).toMatch(/rate limit/)
    expect(failed.error?.correlationId).toBeTruthy()
    expect(failed.path).toBeUndefined()
    expect(await readdir(dir)).toEqual([])
    const audit = await entries(s.core, 'flows.export.failed')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      outcome: 'error',
      correlationId: failed.error?.correlationId,
      detail: { code: 'rate_limited', messages: 1 },
    })
  })

  it('polls the same platform job after a restart, never submitting a second one', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({ flowIds: [SANDBOX_FLOW_SEEDS.chat], exportType: 'Yaml', folder: dir })
    const registered = await waitForExport(s.core, started.id, inExportState('Registered'))

    await s.restart()
    s.clock.advance(2 * EXPORT_STEP_MS)
    const saved = await waitForExport(s.core, started.id, isFinished)

    expect(saved).toMatchObject({ state: 'saved', platformJobId: registered.platformJobId })
    const submitted = (await entries(s.core, 'api.call')).filter((e) => e.target === 'POST /api/v2/flows/export/jobs')
    expect(submitted).toHaveLength(1)
    const polled = (await entries(s.core, 'api.call')).filter(
      (e) => e.target.startsWith('GET /api/v2/flows/export/jobs/') && e.seq > (submitted[0]?.seq ?? 0),
    )
    expect(polled.length).toBeGreaterThan(1)
    expect(await readdir(join(dir, 'exports'))).toEqual([basename(saved.path ?? '')])
  })

  it('tells a client without architect:jobExport:create which permission to add', async () => {
    const s = await session({ deniedPermissions: ['architect:jobExport:create'] })
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({ flowIds: [SANDBOX_FLOW_SEEDS.mainIvr], exportType: 'Yaml', folder: dir })
    const failed = await waitForExport(s.core, started.id, isFinished)

    expect(failed).toMatchObject({ state: 'failed', error: { code: 'forbidden', status: 403 } })
    expect(failed.error?.message).toContain('architect:jobExport:create')
    expect(failed.error?.hint).toMatch(/Add a role with architect:jobExport:create/)
    expect(failed.error?.correlationId).toBeTruthy()
    expect(failed.platformJobId).toBeUndefined()
    expect(await readdir(dir)).toEqual([])
  })

  it('shows a status it does not know as it comes and keeps polling', async () => {
    const s = await session({}, (sandbox) => unknownStatusProxy(sandbox, 'QueuedForArchy'))
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({
      flowIds: [SANDBOX_FLOW_SEEDS.voicemail],
      exportType: 'Yaml',
      folder: dir,
    })
    await step(s, started.id, 'QueuedForArchy')
    s.clock.advance(EXPORT_STEP_MS)
    const saved = await waitForExport(s.core, started.id, isFinished)
    expect(saved.state).toBe('saved')
    expect(s.seen.get(started.id)).toEqual(['queued', 'Registered', 'QueuedForArchy', 'Success', 'saving', 'saved'])
  })

  it('shows an export cancelled from the Jobs panel as cancelled, with nothing saved', async () => {
    const s = await session()
    const dir = await folder()
    const started = await s.core.handlers['flows.export.start']({ flowIds: [SANDBOX_FLOW_SEEDS.workflow], exportType: 'Yaml', folder: dir })
    const registered = await waitForExport(s.core, started.id, inExportState('Registered'))
    const job = (await s.core.handlers['jobs.list']({})).find((j) => j.kind === 'flows.export')
    // The export names its job, for the screen's Cancel.
    expect(registered.jobId).toBe(job?.id)
    await s.core.handlers['jobs.cancel']({ id: registered.jobId ?? '' })
    const cancelled = await waitForExport(s.core, started.id, isFinished)
    expect(cancelled).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } })
    // Each view handed out is numbered above the ones before it, whichever way it came.
    expect(registered.revision).toBeGreaterThan(started.revision)
    expect(cancelled.revision).toBeGreaterThan(registered.revision)
    s.clock.advance(2 * EXPORT_STEP_MS)
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses a start without a folder when no archive folder is set', async () => {
    const s = await session()
    const error = await s.core.handlers['flows.export.start']({
      flowIds: [SANDBOX_FLOW_SEEDS.mainIvr],
      exportType: 'Yaml',
      folder: '',
    }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'invalid_input', details: [{ fieldName: 'folder' }] })
    expect(await s.core.handlers['flows.export.list']({})).toEqual([])
  })
})
