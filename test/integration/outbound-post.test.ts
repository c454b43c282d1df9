/**
 * The outbound module's small-request path (event delivery's POSTs) against real servers on 127.0.0.1:
 * the link rule, the cap on the answer, both timeouts, a stop, and the proxy rules (none for this
 * machine, the environment's for any other host).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { OutboundError } from '../../src/main/core/net/outboundErrors'
import { startHostileServer, type HostileServer } from './helpers/hostileServer'
import { startSelfSignedServer } from './helpers/selfSignedTls'
import { rejectionOf } from './helpers/rejectionOf'

let target: HostileServer
let postSmall: typeof import('../../src/main/core/net/outboundPost').postSmall
const stop = new AbortController()

beforeAll(async () => {
  target = await startHostileServer()
  ;({ postSmall } = await import('../../src/main/core/net/outboundPost'))
})
afterAll(async () => {
  stop.abort()
  await target.close()
})

function post(path: string, overrides: Partial<Parameters<typeof postSmall>[0]> = {}) {
  const url = new URL(`${target.url}${path}`)
  return postSmall({
    url,
    links: { allowedLoopbackOrigin: url.origin },
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from('{"hello":1}'),
    maxAnswerBytes: 1024,
    timeoutMs: 2_000,
    signal: stop.signal,
    ...overrides,
  })
}

const failureOf = (work: Promise<unknown>): Promise<OutboundError> => rejectionOf(work, OutboundError)

describe('postSmall', () => {
  it('sends the body with its length and returns the status, headers and answer', async () => {
    let got: { body: string; length?: string; type?: string } | undefined
    target.route('POST', '/ok', (req, res, body) => {
      got = { body, length: req.headers['content-length'], type: req.headers['content-type'] }
      res.writeHead(202, { 'Retry-After': '7' }).end('taken')
    })
    const answer = await post('/ok')
    expect(got).toEqual({ body: '{"hello":1}', length: '11', type: 'application/json' })
    expect(answer).toMatchObject({ status: 202, headers: { 'retry-after': '7' } })
    expect(answer.body.toString()).toBe('taken')
  })

  it('keeps only the start of a long answer and still returns its status', async () => {
    target.route('POST', '/long', (_req, res) => res.writeHead(200).end(Buffer.alloc(1024 * 1024, 'x')))
    const answer = await post('/long', { maxAnswerBytes: 100 })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(Buffer.alloc(100, 'x'))
    // The cut connection is not reused: the next request still gets its own answer.
    expect((await post('/ok')).status).toBe(202)
  })

  it('does not follow a redirect', async () => {
    target.route('POST', '/moved', (_req, res) => res.writeHead(307, { Location: `${target.url}/ok` }).end())
    const before = target.seen.filter((s) => s === 'POST /ok').length
    expect((await post('/moved')).status).toBe(307)
    expect(target.seen.filter((s) => s === 'POST /ok').length).toBe(before)
  })

  it('refuses a link the rule does not allow, and sends nothing', async () => {
    const before = target.seen.length
    const error = await failureOf(post('/ok', { links: {} }))
    expect(error.message).toMatch(/plain http/)
    expect(target.seen.length).toBe(before)
  })

  it('times out a receiver that sends nothing back', async () => {
    target.route('POST', '/silent', () => new Promise(() => undefined))
    const error = await failureOf(post('/silent', { timeoutMs: 300 }))
    expect(error.code).toBe('timeout')
    expect(error.message).toMatch(/127\.0\.0\.1:\d+ (sent and received nothing for|did not finish within) 0\.3 s/)
  })

  it('ends an answer that trickles on past the deadline', async () => {
    target.route('POST', '/trickle', (_req, res) => {
      res.writeHead(200)
      const timer = setInterval(() => res.write('.'), 50)
      res.on('close', () => clearInterval(timer))
    })
    const started = Date.now()
    const error = await failureOf(post('/trickle', { timeoutMs: 400 }))
    expect(error.message).toMatch(/did not finish within 0\.4 s/)
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('says when nothing listens', async () => {
    const url = new URL('http://127.0.0.1:9/hooks')
    const error = await failureOf(post('', { url, links: { allowedLoopbackOrigin: url.origin } }))
    expect(error.failure).toBe('network')
  })

  it('ends the exchanges under a stop signal when it is aborted, as cancelled', async () => {
    target.route('POST', '/hang', () => new Promise(() => undefined))
    const own = new AbortController()
    const pending = [failureOf(post('/hang', { signal: own.signal })), failureOf(post('/hang', { signal: own.signal }))]
    await new Promise((resolve) => setTimeout(resolve, 100))
    own.abort()
    for (const error of await Promise.all(pending)) expect(error.code).toBe('cancelled')
    expect((await failureOf(post('/ok', { signal: own.signal }))).code).toBe('cancelled')
  })
})

describe('postSmall and the system proxy', () => {
  let proxy: Server
  let tunnels: string[]
  let proxyUrl: string

  beforeAll(async () => {
    tunnels = []
    proxy = createServer((_req, res) => res.writeHead(502).end())
    // A CONNECT names the host to tunnel to; this proxy records it and refuses.
    proxy.on('connect', (req, socket) => {
      tunnels.push(req.url ?? '')
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterEach(() => vi.unstubAllEnvs())
  afterAll(async () => {
    proxy.closeAllConnections()
    await new Promise<void>((resolve) => proxy.close(() => resolve()))
  })

  async function freshPostSmall(): Promise<typeof postSmall> {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) vi.stubEnv(name, proxyUrl)
    vi.stubEnv('NO_PROXY', '')
    vi.stubEnv('no_proxy', '')
    vi.resetModules()
    // Loaded after the environment names a proxy: the connection pools read it when they are made.
    return (await import('../../src/main/core/net/outboundPost')).postSmall
  }

  it('never puts it between Switchboard and a receiver on this machine', async () => {
    const send = await freshPostSmall()
    target.route('POST', '/direct', (_req, res) => res.writeHead(204).end())
    const url = new URL(`${target.url}/direct`)
    const answer = await send({
      url,
      links: { allowedLoopbackOrigin: url.origin },
      headers: {},
      body: Buffer.from('{}'),
      maxAnswerBytes: 1024,
      timeoutMs: 2_000,
      signal: stop.signal,
    })
    expect(answer.status).toBe(204)
    expect(tunnels).toEqual([])
  })

  it('goes through it to any other host', async () => {
    const send = await freshPostSmall()
    const error = await send({
      url: new URL('https://hooks.example.com/switchboard'),
      links: {},
      headers: {},
      body: Buffer.from('{}'),
      maxAnswerBytes: 1024,
      timeoutMs: 2_000,
      signal: stop.signal,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(tunnels).toEqual(['hooks.example.com:443'])
    // The module loaded afresh has its own error classes: compared by what they say.
    expect(error?.message).toBe('The proxy named in HTTPS_PROXY did not connect Switchboard to hooks.example.com: it answered 403.')
  })
})

describe('postSmall over https', () => {
  it('refuses a certificate it cannot verify, in plain words, and sends nothing', async () => {
    let received = 0
    const tls = await startSelfSignedServer((_req, res) => {
      received++
      res.end('ok')
    })
    try {
      const error = await failureOf(
        postSmall({
          url: new URL(`${tls.url}/hooks`),
          links: {},
          headers: {},
          body: Buffer.from('{}'),
          maxAnswerBytes: 1024,
          timeoutMs: 5_000,
          signal: stop.signal,
        }),
      )
      expect(error.code).toBe('network')
      expect(error.message).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ could not be verified \([A-Z_]+\)\.$/)
      expect(received).toBe(0)
    } finally {
      await tls.close()
    }
  })
})
