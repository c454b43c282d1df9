import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../src/main/web/server'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { buildRequest, sendRaw, upgradeHeaders, type RawAnswer, type RawRequest } from './helpers/rawHttp'

let session: CoreSession
let web: WebShell
let rendererDir: string
let stageDir: string
let exportId: string
let privacyResultPath: string
const INDEX_HTML = '<!doctype html><title>Switchboard</title><script src="./assets/app.js"></script>'
const APP_JS = 'console.log("switchboard renderer")\n'

async function finishedAuditExport(): Promise<string> {
  const started = await session.core.handlers['audit.export']({
    format: 'jsonl',
    path: join(rendererDir, '..', `audit-${Date.now()}.jsonl`),
    overwrite: false,
  })
  for (;;) {
    const found = (await session.core.handlers['audit.exports']({})).find((e) => e.job.id === started.job.id)
    if (found?.result) return started.job.id
    if (found && ['failed', 'cancelled'].includes(found.job.state)) throw new Error(`audit export ${found.job.state}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The seeded export made elsewhere has completed: its results, saved, are what the web shell offers to download. */
async function savedPrivacyResult(): Promise<string> {
  const { requests } = await session.core.handlers['privacy.refreshFromOrg']({})
  const done = requests.find((r) => r.requestType === 'GDPR_EXPORT' && r.status === 'COMPLETED' && r.resultsCount > 0)
  if (!done) throw new Error('no completed export in the sandbox')
  await session.core.handlers['privacy.saveResults']({ id: done.id, folder: join(rendererDir, '..'), csv: false })
  return `/api/privacy-results/${done.id}/0/0`
}

beforeAll(async () => {
  session = await startCoreSession()
  const root = await mkdtemp(join(tmpdir(), 'switchboard-web-auth-'))
  rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML)
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS)
  web = await startWebShell({ core: session.core, rendererDir })
  stageDir = web.stageDir
  exportId = await finishedAuditExport()
  privacyResultPath = await savedPrivacyResult()
})

afterAll(async () => {
  await web?.close()
  await session?.close()
  await rm(join(rendererDir, '..'), { recursive: true, force: true })
})

const send = (request: RawRequest): Promise<RawAnswer> => sendRaw(web.port, buildRequest(web.port, request))
const bearer = (token = web.token) => ({ Authorization: `Bearer ${token}` })

/** Every protected route, with a request that succeeds when it carries the token the way the route takes it. */
interface ProtectedRoute {
  /** As fastify lists it. */
  route: string
  methods: string[]
  path: () => string
  request: (target: string, auth: Record<string, string>) => RawRequest
  /** What a successful (authorised) answer looks like, so a refusal can never be mistaken for one. */
  succeeded: (answer: RawAnswer) => boolean
}

const PROTECTED: ProtectedRoute[] = [
  {
    route: '/api/invoke/:method',
    methods: ['POST'],
    path: () => '/api/invoke/profiles.list',
    request: (target, auth) => ({ method: 'POST', target, headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' }),
    succeeded: (a) => a.status === 200 && a.body.includes('"ok":true'),
  },
  {
    route: '/api/stage',
    methods: ['POST'],
    path: () => '/api/stage',
    request: (target, auth) => ({
      method: 'POST',
      target,
      headers: { ...auth, 'Content-Type': 'application/octet-stream', 'X-File-Name': 'probe.wav' },
      body: 'RIFF',
    }),
    succeeded: (a) => a.status === 200 && a.body.includes('"path"'),
  },
  {
    route: '/api/audit-exports/:id/file',
    methods: ['GET', 'HEAD'],
    path: () => `/api/audit-exports/${exportId}/file`,
    request: (target, auth) => ({ method: 'GET', target, headers: auth }),
    succeeded: (a) => a.status === 200 && /content-disposition: attachment/i.test(a.head),
  },
  {
    route: '/api/privacy-results/:id/:save/:item',
    methods: ['GET', 'HEAD'],
    path: () => privacyResultPath,
    request: (target, auth) => ({ method: 'GET', target, headers: auth }),
    succeeded: (a) => a.status === 200 && /content-disposition: attachment/i.test(a.head),
  },
  {
    route: '/api/events',
    methods: ['GET', 'HEAD'],
    path: () => '/api/events',
    request: (target, auth) => ({ method: 'GET', target, headers: { ...upgradeHeaders(web.url), ...auth } }),
    succeeded: (a) => a.status === 101,
  },
]

/** The same route spelled every way a router, a proxy or a browser might read differently from a plain prefix check. */
function spellings(path: string): string[] {
  const rest = path.slice('/api'.length)
  const origin = `127.0.0.1:${web.port}`
  return [
    `/%61pi${rest}`,
    `/ap%69${rest}`,
    `/%61%70%69${rest}`,
    `/%2561pi${rest}`,
    `/%252561pi${rest}`,
    `/API${rest}`,
    `/Api${rest}`,
    `/aPi${rest}`,
    `//api${rest}`,
    `///api${rest}`,
    `/api/..${path}`,
    `/x/..${path}`,
    `/./api${rest}`,
    `/api/.${rest}`,
    `/api.${rest}`,
    `${path}.`,
    `/api;x=1${rest}`,
    `${path};x=1`,
    `/api%2F${rest.slice(1)}`,
    `/api%2f${rest.slice(1)}`,
    `/api/%2e%2e${path}`,
    `/api${rest.replace(/^\/(.)/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`)}`,
    `${path}/`,
    `${path}?`,
    `${path}%3F`,
    `\\api${rest}`,
    `http://${origin}${path}`,
    `HTTP://${origin}${path}`,
    `http://localhost:${web.port}${path}`,
    `http://${origin}/%61pi${rest}`,
    `http://evil.example${path}`,
    `https://${origin}${path}`,
  ]
}

describe('the web shell decides authentication on the matched route', () => {
  it('each protected route answers with the token (so the refusals below are real refusals)', async () => {
    for (const route of PROTECTED) {
      const auth = route.route === '/api/events' ? {} : bearer()
      const path = route.route === '/api/events' ? `${route.path()}?token=${web.token}` : route.path()
      const answer = await send(route.request(path, auth))
      expect(route.succeeded(answer), `${route.route}: ${answer.head}\n${answer.body}`).toBe(true)
    }
  })

  it('refuses every protected route without a token, however its path is spelled', async () => {
    const staged = await readdir(stageDir)
    for (const route of PROTECTED) {
      for (const target of [route.path(), ...spellings(route.path())]) {
        const answer = await send(route.request(target, {}))
        expect(route.succeeded(answer), `${route.route} reached as ${target}: ${answer.head}`).toBe(false)
        expect(answer.status, `${route.route} reached as ${target}: ${answer.head}`).toBeGreaterThanOrEqual(400)
        expect(answer.body).not.toContain('"ok":true')
        expect(answer.body).not.toContain('sandbox')
      }
    }
    expect(await readdir(stageDir)).toEqual(staged)
  })

  it('refuses every protected route with a wrong token, however its path is spelled', async () => {
    for (const route of PROTECTED) {
      for (const target of [route.path(), ...spellings(route.path())]) {
        const auth = route.route === '/api/events' ? {} : bearer('wrong-token')
        const spelled = route.route === '/api/events' ? `${target}${target.includes('?') ? '&' : '?'}token=wrong-token` : target
        const answer = await send(route.request(spelled, auth))
        expect(route.succeeded(answer), `${route.route} reached as ${spelled}`).toBe(false)
        expect(answer.status).toBeGreaterThanOrEqual(400)
      }
    }
  })

  it('answers 401 (not the route) for the spellings the router decodes to a protected route', async () => {
    for (const route of PROTECTED) {
      const rest = route.path().slice('/api'.length)
      for (const target of [`/%61pi${rest}`, `/ap%69${rest}`, `http://127.0.0.1:${web.port}${route.path()}`]) {
        const answer = await send(route.request(target, {}))
        expect([400, 401], `${route.route} reached as ${target}: ${answer.head}`).toContain(answer.status)
      }
    }
  })

  it('takes the query-string token only on a real WebSocket upgrade of the events route', async () => {
    const q = `?token=${web.token}`
    const invoke = (headers: Record<string, string>) =>
      send({
        method: 'POST',
        target: `/api/invoke/profiles.list${q}`,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{}',
      })
    // A POST dressed as an upgrade is still a POST: held to the bearer token.
    expect((await invoke({ ...upgradeHeaders(web.url), ...bearer('wrong') })).status).toBe(401)
    expect((await invoke({ ...upgradeHeaders(web.url) })).status).toBe(401)
    expect((await invoke({ ...upgradeHeaders() })).status).toBe(401)
    expect((await invoke({})).status).toBe(401)
    expect((await invoke({ Upgrade: 'websocket' })).status).toBe(401)
    const stage = await send({
      method: 'POST',
      target: `/api/stage${q}`,
      headers: { ...upgradeHeaders(web.url), 'Content-Type': 'application/octet-stream', 'X-File-Name': 'a.wav' },
      body: 'RIFF',
    })
    expect(stage.status).toBe(401)
    const download = await send({ method: 'GET', target: `/api/audit-exports/${exportId}/file${q}`, headers: upgradeHeaders(web.url) })
    expect(download.status).toBe(401)
    expect((await send({ method: 'GET', target: `/api/audit-exports/${exportId}/file${q}` })).status).toBe(401)
    // The events route over plain HTTP, or with the token in a header instead of the query: refused.
    expect((await send({ method: 'GET', target: `/api/events${q}` })).status).toBe(401)
    expect((await send({ method: 'GET', target: '/api/events', headers: { ...upgradeHeaders(web.url), ...bearer() } })).status).toBe(401)
  })

  it('requires our Origin on the event socket, even with the right token', async () => {
    const target = `/api/events?token=${web.token}`
    expect((await send({ method: 'GET', target, headers: upgradeHeaders() })).status).toBe(403)
    expect((await send({ method: 'GET', target, headers: upgradeHeaders('http://evil.example') })).status).toBe(403)
    expect((await send({ method: 'GET', target: `/%61pi/events?token=${web.token}`, headers: upgradeHeaders() })).status).toBe(403)
    expect((await send({ method: 'GET', target, headers: upgradeHeaders(`http://localhost:${web.port}`) })).status).toBe(101)
  })

  it('refuses unknown routes without a token and reveals nothing beyond a refusal', async () => {
    for (const [method, target] of [
      ['POST', '/api/invoke'],
      ['POST', '/api/nope'],
      ['GET', '/api/nope'],
      ['DELETE', '/api/stage'],
      ['PUT', '/'],
      ['OPTIONS', '/api/invoke/app.info'],
      ['POST', '/'],
      ['GET', '/api/events/extra'],
    ] as const) {
      const answer = await send({
        method,
        target,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      })
      expect(answer.status, `${method} ${target}`).toBe(401)
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { name: 'AppError', code: 'unauthorized' } })
    }
  })

  it('serves the app (/ and its static files) to anyone, byte for byte', async () => {
    const index = await send({ method: 'GET', target: '/' })
    expect(index.status).toBe(200)
    expect(index.body).toBe(await readFile(join(rendererDir, 'index.html'), 'utf8'))
    expect(index.head).toMatch(/content-security-policy: .*script-src 'self'/i)
    expect((await send({ method: 'GET', target: '/index.html' })).body).toBe(INDEX_HTML)
    const script = await send({ method: 'GET', target: '/assets/app.js' })
    expect(script.status).toBe(200)
    expect(script.body).toBe(APP_JS)
    expect((await send({ method: 'HEAD', target: '/assets/app.js' })).status).toBe(200)
    // Traversal out of the renderer folder stays impossible.
    for (const target of ['/../staging', '/assets/../../staging', '/%2e%2e/%2e%2e/etc/passwd', '/assets%2F..%2F..%2Fetc%2Fpasswd']) {
      const answer = await send({ method: 'GET', target })
      expect(answer.status, target).toBeGreaterThanOrEqual(400)
      expect(answer.body).not.toContain('root:')
    }
  })

  it('lists every route it serves, and each non-public one is covered by the tests above', () => {
    const tested = new Set(PROTECTED.flatMap((r) => r.methods.map((m) => `${m} ${r.route}`)))
    const publicFiles = new Set(['/', '/index.html', '/assets/app.js'])
    expect(web.routes.length).toBeGreaterThan(0)
    for (const route of web.routes) {
      if (route.access === 'public') {
        expect(['GET', 'HEAD'], `${route.method} ${route.url} is public`).toContain(route.method)
        expect(publicFiles.has(route.url), `${route.url} is public but is not one of the app's files`).toBe(true)
      } else {
        expect(
          tested.has(`${route.method} ${route.url}`),
          `${route.method} ${route.url} needs an authentication test in webShell-auth.test.ts`,
        ).toBe(true)
      }
    }
    for (const name of tested) expect(web.routes.map((r) => `${r.method} ${r.url}`)).toContain(name)
  })
})

describe('errors from the web shell', () => {
  const post = (target: string, headers: Record<string, string>, body: string) =>
    send({ method: 'POST', target, headers: { ...bearer(), ...headers }, body })
  const expectPlainAppError = (answer: RawAnswer, status: number, code: string) => {
    expect(answer.status, answer.body).toBe(status)
    const parsed = JSON.parse(answer.body) as { ok: boolean; error: Record<string, unknown> }
    expect(parsed).toMatchObject({ ok: false, error: { name: 'AppError', code } })
    expect(parsed.error.hint).toEqual(expect.any(String))
    expect(answer.body).not.toContain(stageDir)
    expect(answer.body).not.toContain(tmpdir())
    expect(answer.body).not.toMatch(/ENAMETOOLONG|ENOENT|EACCES|FST_|at .*\.[jt]s:\d+/)
  }

  it('refuses a staged file name too long for the disk with a clear message, not a server path', async () => {
    for (const name of ['a'.repeat(296) + '.wav', 'é'.repeat(300) + '.wav', '録'.repeat(100) + '.wav']) {
      const answer = await post(
        '/api/stage',
        { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name) },
        'RIFF',
      )
      expectPlainAppError(answer, 400, 'invalid_input')
      expect(JSON.parse(answer.body).error.message).toMatch(/too long/i)
    }
    const fine = await post(
      '/api/stage',
      { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('é'.repeat(100) + '.wav') },
      'RIFF',
    )
    expect(fine.status).toBe(200)
  })

  it('answers malformed, oversized and unexpected requests with an AppError envelope', async () => {
    expectPlainAppError(await post('/api/invoke/app.info', { 'Content-Type': 'application/json' }, '{"broken'), 400, 'invalid_input')
    expectPlainAppError(await post('/api/invoke/app.info', { 'Content-Type': 'text/xml' }, '<x/>'), 415, 'invalid_input')
    expectPlainAppError(
      await post('/api/invoke/app.info', { 'Content-Type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) })),
      413,
      'invalid_input',
    )
    expectPlainAppError(await post('/api/stage', { 'Content-Type': 'application/octet-stream' }, 'RIFF'), 400, 'invalid_input')
    expectPlainAppError(await sendRaw(web.port, `GET \\api/events HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\n\r\n`), 400, 'invalid_input')
  })

  it('answers a download whose export file is gone with not_found, not the missing path', async () => {
    const id = await finishedAuditExport()
    const view = (await session.core.handlers['audit.exports']({})).find((e) => e.job.id === id)
    await rm(view!.result!.path)
    const answer = await send({ method: 'GET', target: `/api/audit-exports/${id}/file`, headers: bearer() })
    expectPlainAppError(answer, 404, 'not_found')
    expect(answer.body).not.toContain(view!.result!.path)
  })

  it('hides the server path and stack of an unexpected failure', async () => {
    const root = await mkdtemp(join(tmpdir(), 'switchboard-web-gone-'))
    const gone = await startCoreSession({}, join(root, 'data'))
    const shell = await startWebShell({ core: gone.core, rendererDir })
    try {
      await rm(shell.stageDir, { recursive: true, force: true })
      const answer = await sendRaw(
        shell.port,
        buildRequest(shell.port, {
          method: 'POST',
          target: '/api/stage',
          headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': 'a.wav' },
          body: 'RIFF',
        }),
      )
      expectPlainAppError(answer, 500, 'internal')
      expect(answer.body).not.toContain(root)
    } finally {
      await shell.close()
      await gone.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})
