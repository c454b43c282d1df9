/**
 * Browsing flows against the sandbox's seeded org: filters on the platform's side (type, name) and ours
 * (publish state), every page read, locked and unreadable flows listed with their reasons, the missing
 * permission said plainly, and a 250-version history read page by page with its dates normalised.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { AppError } from '../../src/shared/errors'
import { createGenesysClient } from '../../src/main/core/genesys'
import { listFlows } from '../../src/main/core/flows/browse/listFlows'
import { SEED_USERS } from '../../src/main/sandbox/users'
import { openTestCore } from './helpers/coreSession'
import { call, startFlowArchiveSession, VERSIONS_ROUTE, type FlowArchiveSession } from './helpers/flowArchiveSession'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let session: FlowArchiveSession | undefined

afterEach(async () => {
  await session?.close()
  session = undefined
})

describe('flows.list', () => {
  it('lists every seeded flow, locked and unreadable ones included with their reasons', async () => {
    session = await startFlowArchiveSession()
    const list = await call(session.core, 'flows.list', {})
    const seeded = session.sandbox.flows.list()
    expect(list.complete).toBe(true)
    expect(list.total).toBe(seeded.length)
    expect(list.flows.map((f) => f.id).sort()).toEqual(seeded.map((f) => f.id).sort())

    const locked = list.flows.find((f) => f.id === SANDBOX_FLOW_SEEDS.locked)!
    expect(locked.lockedBy).toEqual({ id: expect.any(String), name: 'Marcus Okafor' })
    expect(locked.problems).toEqual([expect.objectContaining({ kind: 'locked', reason: expect.stringContaining('Marcus Okafor') })])

    const denied = list.flows.find((f) => f.id === SANDBOX_FLOW_SEEDS.denied)!
    expect(denied.problems).toHaveLength(1)
    expect(denied.problems[0]).toMatchObject({ kind: 'denied', reason: expect.stringContaining('Executive Office') })
    expect(denied.problems[0].hint).toContain('architect:flow:view')

    const mainIvr = list.flows.find((f) => f.id === SANDBOX_FLOW_SEEDS.mainIvr)!
    expect(mainIvr.problems).toEqual([])
    expect(mainIvr.type).toBe('INBOUNDCALL')
    expect(mainIvr.publishedVersion).toMatch(/^\d+\.0$/)
    expect(new Date(mainIvr.publishedAt!).toISOString()).toBe(mainIvr.publishedAt)
  })

  it('filters by type and name on the platform, and by publish state here', async () => {
    session = await startFlowArchiveSession()
    const calls = await call(session.core, 'flows.list', { types: ['inboundcall', 'inqueuecall'] })
    expect(calls.flows.length).toBeGreaterThan(0)
    expect(new Set(calls.flows.map((f) => f.type))).toEqual(new Set(['INBOUNDCALL', 'INQUEUECALL']))

    const named = await call(session.core, 'flows.list', { name: 'ivr' })
    expect(named.flows.map((f) => f.name).sort()).toEqual(
      session.sandbox.flows
        .list()
        .map((f) => f.name)
        .filter((n) => /ivr/i.test(n))
        .sort(),
    )

    const unpublished = await call(session.core, 'flows.list', { publishState: 'unpublished' })
    expect(unpublished.flows.map((f) => f.id)).toEqual([SANDBOX_FLOW_SEEDS.unpublished])
    const published = await call(session.core, 'flows.list', { publishState: 'published' })
    expect(published.flows.every((f) => f.publishedVersion !== undefined)).toBe(true)
    expect(published.flows).toHaveLength(session.sandbox.flows.list().length - 1)
  })

  it('reads every page of the list, and says when it stopped at its cap', async () => {
    session = await startFlowArchiveSession()
    const { sandbox } = session
    const client = createGenesysClient({
      apiBase: sandbox.url,
      loginBase: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    })
    const seeded = sandbox.flows.list()
    const before = sandbox.stats().byRoute['GET /api/v2/flows'] ?? 0
    const all = await listFlows(client, { types: [], publishState: 'any' }, { pageSize: 5 })
    expect((sandbox.stats().byRoute['GET /api/v2/flows'] ?? 0) - before).toBe(Math.ceil(seeded.length / 5))
    expect(all).toMatchObject({ complete: true, total: seeded.length })
    expect(all.flows.map((f) => f.id).sort()).toEqual(seeded.map((f) => f.id).sort())

    const capped = await listFlows(client, { types: [], publishState: 'any' }, { pageSize: 5, maxFlows: 10 })
    expect(capped.complete).toBe(false)
    expect(capped.flows).toHaveLength(10)
    expect(capped.total).toBe(seeded.length)
  })
})

describe('a client without architect:flow:view', () => {
  let sandbox: Sandbox | undefined
  let dataDir: string | undefined
  afterEach(async () => {
    await sandbox?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('is refused the list with the permission named, the correlation id and a hint', async () => {
    sandbox = await startSandbox({ port: 0, deniedPermissions: ['architect:flow:view'] })
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-flows-denied-'))
    const core = await openTestCore(dataDir, sandbox)
    try {
      const error = await call(core, 'flows.list', {}).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      const failure = error as AppError
      expect(failure.code).toBe('forbidden')
      expect(failure.status).toBe(403)
      expect(failure.message).toContain('architect:flow:view')
      expect(failure.correlationId).toMatch(/\S+/)
      expect(failure.hint).toContain('architect:flow:view')
      expect(failure.hint).toContain(failure.correlationId!)
    } finally {
      await core.close()
    }
  })
})

describe('flows.versions', () => {
  it('reads all 250 versions of the big flow in pages of 100, newest first, dates as ISO', async () => {
    session = await startFlowArchiveSession()
    const before = session.sandbox.stats().byRoute[VERSIONS_ROUTE] ?? 0
    const { flow, versions } = await call(session.core, 'flows.versions', { flowId: SANDBOX_FLOW_SEEDS.big })
    expect((session.sandbox.stats().byRoute[VERSIONS_ROUTE] ?? 0) - before).toBe(3)
    expect(flow.id).toBe(SANDBOX_FLOW_SEEDS.big)
    const platform = session.sandbox.flows.versions(SANDBOX_FLOW_SEEDS.big)
    expect(versions).toHaveLength(250)
    expect(versions.map((v) => v.id)).toEqual(platform.map((v) => v.id))
    for (const [i, version] of versions.entries()) {
      const raw = platform[i]
      expect(version.dateCreated).toBe(new Date(raw.dateCreated).toISOString())
      expect(version.dateSaved).toBe(new Date(raw.dateSaved).toISOString())
      if (raw.dateCheckedIn !== undefined) expect(version.dateCheckedIn).toBe(new Date(raw.dateCheckedIn).toISOString())
      if (raw.datePublished !== undefined) expect(version.datePublished).toBe(raw.datePublished)
      expect(version.when).toBe(version.datePublished ?? version.dateCheckedIn ?? version.dateSaved)
      expect(version.createdBy?.id).toBe(raw.createdBy.id)
      expect(version.type).toBe(raw.type)
    }
    const whens = versions.map((v) => Date.parse(v.when!))
    expect(whens).toEqual([...whens].sort((a, b) => b - a))
  })

  it('names authors the platform sent without a name from the directory, and shows the id alone when the user is gone', async () => {
    session = await startFlowArchiveSession()
    const flowId = SANDBOX_FLOW_SEEDS.voicemail
    const named = session.sandbox.flows.addVersion(flowId, { createdBy: { id: SEED_USERS.danaWhitfield, name: '' } })
    const gone = session.sandbox.flows.addVersion(flowId, { createdBy: { id: SEED_USERS.formerAdmin, name: '' } })
    const before = session.sandbox.stats().byRoute['GET /api/v2/users/:userId'] ?? 0
    const { versions } = await call(session.core, 'flows.versions', { flowId })
    expect(versions.find((v) => v.id === named.id)?.createdBy).toEqual({ id: SEED_USERS.danaWhitfield, name: 'Dana Whitfield' })
    expect(versions.find((v) => v.id === gone.id)?.createdBy).toEqual({ id: SEED_USERS.formerAdmin })
    await call(session.core, 'flows.versions', { flowId })
    // Each id asked once: found names and missing users are both remembered.
    expect((session.sandbox.stats().byRoute['GET /api/v2/users/:userId'] ?? 0) - before).toBe(2)
  })

  it('returns a flow the client may not read with the reason and no versions', async () => {
    session = await startFlowArchiveSession()
    const { flow, versions } = await call(session.core, 'flows.versions', { flowId: SANDBOX_FLOW_SEEDS.denied })
    expect(versions).toEqual([])
    expect(flow.problems).toEqual([expect.objectContaining({ kind: 'denied', correlationId: expect.any(String) })])
  })

  it('says plainly that an unknown flow is not there', async () => {
    session = await startFlowArchiveSession()
    const error = (await call(session.core, 'flows.versions', { flowId: '00000000-0000-4000-8000-000000000000' }).catch(
      (e) => e,
    )) as AppError
    expect(error.code).toBe('not_found')
    expect(error.message).toContain('no flow')
  })
})
