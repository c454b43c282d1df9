import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, SANDBOX_FLOW_SEEDS, startSandbox, type ManualClock, type Sandbox } from '../../src/main/sandbox'
import { api, getToken, UUID } from './sandbox-helpers'

type Page<T> = { entities: T[]; pageSize: number; pageNumber: number; total: number; pageCount: number; nextUri?: string }
type Flow = {
  id: string
  name: string
  type: string
  division: { id: string; name: string }
  lockedUser?: { id: string; name: string }
  publishedVersion?: { id: string; name: string }
  checkedInVersion?: { id: string }
}
type FlowVersion = {
  id: string
  name: string
  type: string
  createdBy: { id: string; name: string }
  dateCreated: unknown
  dateCheckedIn?: unknown
  dateSaved: unknown
  datePublished?: unknown
  configurationUri: string
}
type ErrorBody = { status: number; code: string; message: string }

const FLOWS = '/api/v2/flows'

let sandbox: Sandbox
let token: string
/** The time once the sandbox started: it seeded its flows before this. */
let seededBy: number
beforeAll(async () => {
  sandbox = await startSandbox()
  seededBy = Date.now()
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())

async function get<T>(path: string, expectedStatus = 200): Promise<T> {
  const response = await api(sandbox, path, token)
  expect(response.status, `${path}`).toBe(expectedStatus)
  return (await response.json()) as T
}

describe('sandbox: Architect flows', () => {
  it('lists every seeded flow by name, several types, with divisions and version references', async () => {
    const page = await get<Page<Flow>>(`${FLOWS}?pageSize=100`)
    expect(page.total).toBe(Object.keys(SANDBOX_FLOW_SEEDS).length)
    expect(page.entities.map((f) => f.id).sort()).toEqual(Object.values(SANDBOX_FLOW_SEEDS).sort())
    const names = page.entities.map((f) => f.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))
    expect(new Set(page.entities.map((f) => f.type)).size).toBeGreaterThanOrEqual(8)
    const big = page.entities.find((f) => f.id === SANDBOX_FLOW_SEEDS.big)!
    expect(big).toMatchObject({ name: 'Customer Service IVR', type: 'INBOUNDCALL', division: { name: 'Home' } })
    expect(big.publishedVersion?.id).toMatch(UUID)
    const unpublished = page.entities.find((f) => f.id === SANDBOX_FLOW_SEEDS.unpublished)!
    expect(unpublished.publishedVersion).toBeUndefined()
    expect(unpublished.checkedInVersion?.id).toMatch(UUID)
  })

  it('pages the flow list and filters it by type (repeatable) and name (substring, wildcard)', async () => {
    const first = await get<Page<Flow>>(`${FLOWS}?pageSize=5&pageNumber=1`)
    expect(first).toMatchObject({ pageSize: 5, pageNumber: 1, pageCount: Math.ceil(first.total / 5) })
    expect(first.entities).toHaveLength(5)
    const second = await get<Page<Flow>>(first.nextUri!)
    expect(second.pageNumber).toBe(2)
    expect(second.entities.map((f) => f.id)).not.toContain(first.entities[0].id)

    const bots = await get<Page<Flow>>(`${FLOWS}?type=bot&type=digitalbot`)
    expect(bots.entities.map((f) => f.type).sort()).toEqual(['BOT', 'DIGITALBOT'])
    const calls = await get<Page<Flow>>(`${FLOWS}?type=inboundcall`)
    expect(calls.entities.length).toBeGreaterThanOrEqual(5)
    expect(calls.entities.every((f) => f.type === 'INBOUNDCALL')).toBe(true)

    expect((await get<Page<Flow>>(`${FLOWS}?name=ivr`)).entities.map((f) => f.name)).toEqual([
      'Customer Service IVR',
      'Legacy Claims IVR',
      'Main IVR',
    ])
    expect((await get<Page<Flow>>(`${FLOWS}?name=${encodeURIComponent('c*ivr')}`)).entities.map((f) => f.name)).toEqual([
      'Customer Service IVR',
      'Legacy Claims IVR',
    ])
    const refused = await get<ErrorBody>(`${FLOWS}?type=nosuchtype`, 400)
    expect(refused.message).toContain('nosuchtype')
  })

  it('pages the 250 versions of the big flow newest first: every id once, pageCount right', async () => {
    const ids: string[] = []
    let pageNumber = 1
    let pageCount = 0
    let previousNumber = Infinity
    do {
      const page = await get<Page<FlowVersion>>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.big}/versions?pageSize=100&pageNumber=${pageNumber}`)
      expect(page.total).toBe(250)
      pageCount = page.pageCount
      for (const version of page.entities) {
        const number = Number(version.name)
        expect(number).toBeLessThan(previousNumber)
        previousNumber = number
        ids.push(version.id)
      }
      pageNumber++
    } while (pageNumber <= pageCount)
    expect(pageCount).toBe(3)
    expect(ids).toHaveLength(250)
    expect(new Set(ids).size).toBe(250)
    expect(ids).toEqual(sandbox.flows.versions(SANDBOX_FLOW_SEEDS.big).map((v) => v.id))

    const defaultPage = await get<Page<FlowVersion>>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.big}/versions`)
    expect(defaultPage).toMatchObject({ pageSize: 25, pageCount: 10 })
    expect(defaultPage.entities[0].name).toBe('250.0')
  })

  it('dates versions as the platform does: epoch ms for created, checked in and saved, an ISO string for published', async () => {
    const page = await get<Page<FlowVersion>>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.mainIvr}/versions?pageSize=100`)
    const twoYearsAgo = Date.now() - 2.1 * 365 * 86_400_000
    for (const version of page.entities) {
      expect(typeof version.dateCreated).toBe('number')
      expect(typeof version.dateSaved).toBe('number')
      expect(version.dateCreated as number).toBeGreaterThan(twoYearsAgo)
      expect(version.dateCreated as number).toBeLessThan(Date.now())
      if (version.type === 'PUBLISH') {
        expect(version.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
        expect(typeof version.dateCheckedIn).toBe('number')
      } else expect(version.datePublished).toBeUndefined()
    }
    expect(new Set(page.entities.map((v) => v.type))).toEqual(new Set(['PUBLISH', 'CHECKIN', 'SAVE']))
    expect(new Set(page.entities.map((v) => v.createdBy.name)).size).toBeGreaterThan(1)
    const unpublished = await get<Page<FlowVersion>>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.unpublished}/versions?pageSize=100`)
    expect(unpublished.entities.some((v) => v.type === 'PUBLISH')).toBe(false)
  })

  it('dates every seeded version in the past, each version after the one before', () => {
    const datesOf = (version: FlowVersion): number[] =>
      [version.dateCreated, version.dateCheckedIn, version.dateSaved, version.datePublished]
        .filter((date) => date !== undefined)
        .map((date) => (typeof date === 'string' ? Date.parse(date) : (date as number)))
    for (const flowId of Object.values(SANDBOX_FLOW_SEEDS)) {
      const oldestFirst = sandbox.flows.versions(flowId).reverse()
      let previousNewest = -Infinity
      for (const version of oldestFirst) {
        const dates = datesOf(version)
        expect(dates.every(Number.isFinite), `${flowId} ${version.name}`).toBe(true)
        expect(Math.max(...dates), `${flowId} ${version.name} after the seeding`).toBeLessThanOrEqual(seededBy)
        expect(Math.min(...dates), `${flowId} ${version.name} after the version before`).toBeGreaterThan(previousNewest)
        previousNewest = Math.max(...dates)
      }
    }
  })

  it('serves configurations that change between versions, and the latest one', async () => {
    const flowId = SANDBOX_FLOW_SEEDS.mainIvr
    const [newest, previous] = (await get<Page<FlowVersion>>(`${FLOWS}/${flowId}/versions?pageSize=2`)).entities
    const latest = await get<Record<string, unknown>>(`${FLOWS}/${flowId}/latestconfiguration`)
    const newestConfig = await get<Record<string, unknown>>(newest.configurationUri)
    const previousConfig = await get<Record<string, unknown>>(previous.configurationUri)
    expect(latest).toEqual(newestConfig)
    expect(newestConfig).toMatchObject({ name: 'Main IVR', type: 'inboundCall', defaultLanguage: 'en-us', startUpRef: expect.any(String) })
    expect(newestConfig).toHaveProperty('menus.0.menu.choices')
    expect(newestConfig).toHaveProperty('tasks.0.task.actions')
    expect(previousConfig).not.toEqual(newestConfig)
    const size = JSON.stringify(newestConfig).length
    expect(size).toBeGreaterThan(2_000)
    expect(size).toBeLessThan(100_000)
    const unknownVersion = await get<ErrorBody>(`${FLOWS}/${flowId}/versions/00000000-0000-4000-8000-000000000000/configuration`, 404)
    expect(unknownVersion.status).toBe(404)
    await get<ErrorBody>(`${FLOWS}/00000000-0000-4000-8000-000000000000`, 404)
  })

  it('lists the locked flow with the user who holds the lock; lock and unlock change it', async () => {
    const locked = await get<Flow>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.locked}`)
    expect(locked.lockedUser).toMatchObject({ id: expect.stringMatching(UUID), name: 'Marcus Okafor' })
    expect((await get<Flow>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.voicemail}`)).lockedUser).toBeUndefined()
    sandbox.flows.lock(SANDBOX_FLOW_SEEDS.voicemail)
    expect((await get<Flow>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.voicemail}`)).lockedUser?.name).toBe('Marcus Okafor')
    sandbox.flows.unlock(SANDBOX_FLOW_SEEDS.voicemail)
    expect((await get<Flow>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.voicemail}`)).lockedUser).toBeUndefined()
  })

  it('lists the flow of an unreadable division but answers 403 for its versions and configurations', async () => {
    const flow = await get<Flow>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.denied}`)
    expect(flow.division.name).toBe('Executive Office')
    const versions = await get<ErrorBody>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.denied}/versions`, 403)
    expect(versions).toMatchObject({ status: 403, code: 'missing.division.permission' })
    await get<ErrorBody>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.denied}/latestconfiguration`, 403)
    const versionId = sandbox.flows.versions(SANDBOX_FLOW_SEEDS.denied)[0].id
    await get<ErrorBody>(`${FLOWS}/${SANDBOX_FLOW_SEEDS.denied}/versions/${versionId}/configuration`, 403)
  })

  it('adds a version dated now whose configuration differs from the previous newest', async () => {
    const flowId = SANDBOX_FLOW_SEEDS.workflow
    const before = sandbox.flows.versions(flowId)
    const added = sandbox.flows.addVersion(flowId, { type: 'CHECKIN' })
    expect(added.name).toBe(`${before.length + 1}.0`)
    expect(Math.abs(Number(added.dateCheckedIn) - Date.now())).toBeLessThan(120_000)
    const page = await get<Page<FlowVersion>>(`${FLOWS}/${flowId}/versions?pageSize=1`)
    expect(page.total).toBe(before.length + 1)
    expect(page.entities[0].id).toBe(added.id)
    expect(await get(`${FLOWS}/${flowId}/latestconfiguration`)).not.toEqual(sandbox.flows.configuration(flowId, before[0].id))
  })

  it('answers 403 on every flow route without architect:flow:view', async () => {
    sandbox.setOptions({ deniedPermissions: ['architect:flow:view'] })
    try {
      const versionId = sandbox.flows.versions(SANDBOX_FLOW_SEEDS.mainIvr)[0].id
      for (const path of [
        FLOWS,
        `${FLOWS}/${SANDBOX_FLOW_SEEDS.mainIvr}`,
        `${FLOWS}/${SANDBOX_FLOW_SEEDS.mainIvr}/versions`,
        `${FLOWS}/${SANDBOX_FLOW_SEEDS.mainIvr}/versions/${versionId}/configuration`,
        `${FLOWS}/${SANDBOX_FLOW_SEEDS.mainIvr}/latestconfiguration`,
      ]) {
        const body = await get<ErrorBody>(path, 403)
        expect(body).toMatchObject({ code: 'missing.permissions', message: expect.stringContaining('architect:flow:view') })
      }
    } finally {
      sandbox.setOptions({ deniedPermissions: [] })
    }
    await get(FLOWS)
  })

  it('needs a token, counts flow requests against the rate limit and takes injected faults', async () => {
    expect((await api(sandbox, FLOWS, undefined)).status).toBe(401)
    const path = `${FLOWS}/${SANDBOX_FLOW_SEEDS.big}/versions`
    const limitedToken = await getToken(sandbox)
    sandbox.setOptions({ rateLimitPerMinute: 2 })
    sandbox.setFaults({ errorRate5xx: 1, serverErrorStatus: 503, routes: '^/api/v2/flows/[^/]+/latestconfiguration$' })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await api(sandbox, path, limitedToken)).status)
      expect(statuses).toEqual([200, 200, 429])
      expect((await api(sandbox, `${FLOWS}/${SANDBOX_FLOW_SEEDS.big}/latestconfiguration`, token)).status).toBe(503)
    } finally {
      sandbox.setOptions({ rateLimitPerMinute: 300 })
      sandbox.setFaults({})
    }
  })
})

describe('sandbox: flow export jobs', () => {
  type ExportJob = { id: string; status: string; downloadUrl?: string; messages?: { text: string; type: string; flow: { id: string } }[] }
  const JOBS = `${FLOWS}/export/jobs`
  let exporter: Sandbox
  let exportToken: string
  let clock: ManualClock
  beforeAll(async () => {
    clock = manualClock(Date.UTC(2026, 9, 1, 9, 30))
    exporter = await startSandbox({ clock, flowExportStepMs: 1_000 })
    exportToken = await getToken(exporter)
  })
  afterAll(() => exporter.close())

  async function submit(flows: unknown[], expectedStatus = 200): Promise<{ id: string }> {
    const response = await api(exporter, JOBS, exportToken, { method: 'POST', body: { flows } })
    expect(response.status).toBe(expectedStatus)
    return (await response.json()) as { id: string }
  }
  async function job(id: string, expand = true): Promise<ExportJob> {
    const response = await api(exporter, `${JOBS}/${id}${expand ? '?expand=messages' : ''}`, exportToken)
    expect(response.status).toBe(200)
    return (await response.json()) as ExportJob
  }

  it('moves Registered -> Started -> Success on the sandbox clock and serves one flow as Archy YAML', async () => {
    const { id } = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.mainIvr } }])
    expect(await job(id)).toMatchObject({ id, status: 'Registered', messages: [] })
    clock.advance(1_000)
    expect((await job(id)).status).toBe('Started')
    clock.advance(1_000)
    const done = await job(id, false)
    expect(done.status).toBe('Success')
    expect(done.messages).toBeUndefined()
    const download = await fetch(done.downloadUrl!)
    expect(download.status).toBe(200)
    const published = exporter.flows.list().find((f) => f.id === SANDBOX_FLOW_SEEDS.mainIvr)!.publishedVersion!
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Main_IVR_v${published.name.replace('.', '-')}.yaml"`)
    const yaml = await download.text()
    expect(yaml.startsWith('inboundCall:\n  name: Main IVR\n  description: Front door for the support line\n')).toBe(true)
    expect(yaml).toContain('\n  menus:\n    - menu:\n')
    expect(yaml).toContain('startUpRef: ./menus/menu[menu_main_10]')
  })

  it('serves several flows as a zip holding one file each (version and file name as asked)', async () => {
    const { id } = await submit([
      { flow: { id: SANDBOX_FLOW_SEEDS.bot }, fileName: 'billing-bot.yaml' },
      { flow: { name: 'website chat', type: 'inboundchat' }, version: '3.0' },
      { flow: { id: SANDBOX_FLOW_SEEDS.workflow }, exportType: 'Architect' },
    ])
    clock.advance(2_000)
    const done = await job(id)
    expect(done).toMatchObject({ status: 'Success', messages: [] })
    const download = await fetch(done.downloadUrl!)
    expect(download.headers.get('content-type')).toBe('application/zip')
    const zip = Buffer.from(await download.arrayBuffer())
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    for (const name of ['billing-bot.yaml', 'Website_Chat_v3-0.yaml', 'Refund_Approval_Workflow_v']) expect(zip.includes(name)).toBe(true)
  })

  it('ends the export of the failing flow in Failure with "Archy exit code 107" and no download', async () => {
    const { id } = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.exportFails } }, { flow: { id: SANDBOX_FLOW_SEEDS.chat } }])
    clock.advance(1_000)
    expect((await job(id)).status).toBe('Started')
    clock.advance(1_000)
    const failed = await job(id)
    expect(failed.status).toBe('Failure')
    expect(failed.downloadUrl).toBeUndefined()
    expect(failed.messages).toEqual([
      { text: 'Archy exit code 107', type: 'ERROR', flow: { id: SANDBOX_FLOW_SEEDS.exportFails, name: 'Legacy Claims IVR' } },
    ])
  })

  it('fails the exports of a flow a test marks, and succeeds again once unmarked', async () => {
    exporter.flows.failExports(SANDBOX_FLOW_SEEDS.outbound)
    const failing = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.outbound } }])
    exporter.flows.failExports(SANDBOX_FLOW_SEEDS.outbound, false)
    const passing = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.outbound } }])
    clock.advance(2_000)
    expect((await job(failing.id)).messages?.map((m) => m.text)).toEqual(['Archy exit code 107'])
    expect((await job(passing.id)).status).toBe('Success')
  })

  it('signs download links that expire and refuses edited ones', async () => {
    const { id } = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.voicemail } }])
    clock.advance(2_000)
    const url = (await job(id)).downloadUrl!
    const edited = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=999999')
    expect((await fetch(edited)).status).toBe(403)
    clock.advance(301_000)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('Request has expired')
    const fresh = (await job(id)).downloadUrl!
    expect((await fetch(fresh)).status).toBe(200)
  })

  it('refuses unknown flows, unreadable divisions, unknown versions and malformed bodies', async () => {
    await submit([{ flow: { id: '00000000-0000-4000-8000-000000000000' } }], 404)
    await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.denied } }], 403)
    await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.bot }, version: '999.0' }], 400)
    await submit([], 400)
    await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.bot }, exportType: 'Pdf' }], 400)
    expect((await api(exporter, `${JOBS}/no-such-job`, exportToken)).status).toBe(404)
  })

  it('needs architect:jobExport:create to submit, architect:jobExport:view to read, architect:flow:view for both', async () => {
    const { id } = await submit([{ flow: { id: SANDBOX_FLOW_SEEDS.bot } }])
    const cases: [string, number, number][] = [
      ['architect:jobExport:create', 403, 200],
      ['architect:jobExport:view', 200, 403],
      ['architect:flow:view', 403, 403],
    ]
    for (const [denied, submitStatus, readStatus] of cases) {
      exporter.setOptions({ deniedPermissions: [denied] })
      try {
        const post = await api(exporter, JOBS, exportToken, { method: 'POST', body: { flows: [{ flow: { id: SANDBOX_FLOW_SEEDS.bot } }] } })
        expect(post.status, denied).toBe(submitStatus)
        const read = await api(exporter, `${JOBS}/${id}`, exportToken)
        expect(read.status, denied).toBe(readStatus)
        if (readStatus === 403) expect(((await read.json()) as ErrorBody).message).toContain(denied)
      } finally {
        exporter.setOptions({ deniedPermissions: [] })
      }
    }
  })
})
