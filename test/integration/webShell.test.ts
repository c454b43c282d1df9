import { request } from 'node:http'
import { readFile } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { startWebShell, type WebShell } from '../../src/main/web/server'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

let session: CoreSession
let web: WebShell
let rendererDir: string

beforeAll(async () => {
  session = await startCoreSession()
  rendererDir = await mkdtemp(join(tmpdir(), 'switchboard-renderer-'))
  await import('node:fs/promises').then((fs) => fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>'))
  web = await startWebShell({ core: session.core, rendererDir })
})

afterAll(async () => {
  await web.close()
  await session.close()
  await rm(rendererDir, { recursive: true, force: true })
})

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${web.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const transcript: string[] = []

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test checks the wire format field by field
async function invoke(method: string, input: unknown = {}, token = web.token): Promise<{ ok: boolean; value?: any; error?: any }> {
  const res = await raw(`/api/invoke/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  transcript.push(res.body)
  return JSON.parse(res.body)
}

describe('web shell guards', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await raw('/')
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses API calls without the token or with a wrong one', async () => {
    expect(
      (await raw('/api/invoke/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(401)
    const wrong = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(wrong.status).toBe(401)
    expect(JSON.parse(wrong.body).error.message).toMatch(/token/)
  })

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await raw('/', { headers: { host: `evil.example:${web.port}` } })).status).toBe(421)
    const foreign = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(foreign.status).toBe(403)
  })

  it('rejects unknown methods and invalid input as AppErrors', async () => {
    const unknown = await invoke('system.exec', {})
    expect(unknown.ok).toBe(false)
    expect(unknown.error).toMatchObject({ name: 'AppError', code: 'invalid_input' })
    const bad = await invoke('profiles.save', { name: '', region: 'moon-1', clientId: 'x' })
    expect(bad.ok).toBe(false)
    expect(bad.error.code).toBe('invalid_input')
    expect(bad.error.message).toMatch(/Name is required/)
    expect(JSON.stringify(bad.error)).not.toMatch(/at .*\.ts:\d+/)
  })

  it('refuses event sockets without the token or from another origin', async () => {
    const refused = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { origin })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => resolve(101))
        ws.on('error', () => undefined)
      })
    expect(await refused(`ws://127.0.0.1:${web.port}/api/events`, web.url)).toBe(401)
    expect(await refused(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`, 'http://evil.example')).toBe(403)
  })

  it('stages dropped file bytes in the staging folder in the data folder and returns only a path', async () => {
    const bytes = Buffer.from('RIFF....WAVEfmt fake bytes for staging')
    const res = await raw('/api/stage', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${web.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('../../call 1.wav'),
      },
      body: bytes,
    })
    expect(res.status).toBe(200)
    const { path } = JSON.parse(res.body) as { path: string }
    expect(path.startsWith(web.stageDir)).toBe(true)
    expect(path.endsWith('call 1.wav')).toBe(true)
    expect(await readFile(path)).toEqual(bytes)
  })
})

describe('a full session through the web shell', () => {
  it('never sends a client secret or an access token to the renderer', async () => {
    const events: string[] = []
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`, { origin: web.url })
    ws.on('message', (data) => events.push(data.toString()))
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })

    const realSecret = 'correct-horse-battery-staple-0123456789'
    const wrongSecret = 'wrong-secret-abcdefghijklmnopqrstuvwxyz'
    expect((await invoke('app.info')).ok).toBe(true)
    expect((await invoke('profiles.list')).value[0]).toMatchObject({ id: 'sandbox', isSandbox: true, active: true })

    const sandboxTest = await invoke('profiles.test', { id: 'sandbox' })
    expect(sandboxTest.ok).toBe(true)
    expect(sandboxTest.value.orgName).toBeTruthy()
    expect(sandboxTest.value.tokenLifetimeSeconds).toBeGreaterThan(0)

    const wrong = await invoke('profiles.save', {
      name: 'Wrong secret',
      region: 'eu-west-1',
      clientId: session.sandbox.clientId,
      clientSecret: wrongSecret,
      gatewayUrl: session.sandbox.url,
    })
    expect(wrong.error).toBeUndefined()
    expect(wrong.value).toMatchObject({ hasSecret: true, region: 'eu-west-1', apiBase: session.sandbox.url })
    const refused = await invoke('profiles.test', { id: wrong.value.id })
    expect(refused.ok).toBe(false)
    expect(refused.error.code).toBe('unauthorized')
    expect(refused.error.hint).toMatch(/client id and secret/i)

    const fixed = await invoke('profiles.save', {
      id: wrong.value.id,
      name: 'Right secret',
      region: 'eu-west-1',
      clientId: session.sandbox.clientId,
      clientSecret: session.sandbox.clientSecret,
      gatewayUrl: session.sandbox.url,
    })
    expect(fixed.ok).toBe(true)
    expect((await invoke('profiles.setActive', { id: fixed.value.id })).ok).toBe(true)
    expect((await invoke('profiles.test', { id: fixed.value.id })).ok).toBe(true)
    const status = await invoke('status.get')
    expect(status.value).toMatchObject({ profileName: 'Right secret', connection: 'connected' })
    expect(status.value.callsLastMinute).toBeGreaterThan(0)

    const other = await invoke('profiles.save', { name: 'Kept', region: 'us-east-1', clientId: 'abcdef12-3456', clientSecret: realSecret })
    expect(other.ok).toBe(true)
    expect((await invoke('profiles.list')).value).toHaveLength(3)
    expect((await invoke('audit.tail', { limit: 50 })).value.length).toBeGreaterThan(3)
    expect((await invoke('audit.verify')).value.ok).toBe(true)
    expect((await invoke('jobs.list')).ok).toBe(true)
    expect((await invoke('profiles.remove', { id: other.value.id })).ok).toBe(true)
    // The status event of the fixed profile's connection is the last one these calls cause.
    await vi.waitFor(() => expect(events.some((e) => e.includes('Right secret') && e.includes('"connected"'))).toBe(true), {
      timeout: 10_000,
      interval: 20,
    })
    ws.close()

    expect(events.length).toBeGreaterThan(0)
    const everything = [...transcript, ...events].join('\n')
    const forbidden = [realSecret, wrongSecret, session.sandbox.clientSecret, ...session.sandbox.issuedTokens()]
    expect(session.sandbox.issuedTokens().length).toBeGreaterThan(0)
    for (const secret of forbidden) expect(everything.includes(secret), `leaked ${secret.slice(0, 6)}…`).toBe(false)
    // The secret must not sit in the settings file in the clear either (the web shell only obfuscates it, and says so).
    const config = await readFile(join(session.dataDir, 'config.json'), 'utf8')
    expect(config.includes(realSecret)).toBe(false)
  })
})
