import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { downloadToFile, sendOutbound, type OutboundRequest } from '../../src/main/core/net/outboundHttp'
import type { Sleep } from '../../src/main/core/genesys'
import { AppError } from '../../src/shared/errors'
import { gzipBomb, sendGzip, startHostileServer, type HostileServer } from './helpers/hostileServer'
import { rejectionOf } from './helpers/rejectionOf'

const MIB = 1024 ** 2

let server: HostileServer
let folder: string

beforeAll(async () => {
  server = await startHostileServer()
  folder = await mkdtemp(join(tmpdir(), 'switchboard-outbound-'))
})
afterAll(async () => {
  await server.close()
  await rm(folder, { recursive: true, force: true })
})
afterEach(async () => {
  server.seen.length = 0
  for (const name of await readdir(folder)) await rm(join(folder, name), { force: true })
})

/** Records each wait instead of spending it. */
function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = []
  return { waits, sleep: async (ms) => void waits.push(ms) }
}

function get(path: string, extra: Partial<OutboundRequest> = {}): OutboundRequest {
  return { method: 'GET', url: `${server.url}${path}`, links: { allowedLoopbackOrigin: server.url }, maxBodyBytes: MIB, ...extra }
}

const failureOf = (work: Promise<unknown>): Promise<AppError> => rejectionOf(work, AppError)

/** Answers with `statuses` in turn, then 200 "done". */
function answerInTurn(path: string, statuses: Array<{ status: number; headers?: Record<string, string> }>, method = 'GET'): void {
  let call = 0
  server.route(method, path, (_req, res) => {
    const next = statuses[call++]
    if (next) res.writeHead(next.status, next.headers).end('<Error><Code>SlowDown</Code></Error>')
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('done')
  })
}

describe('retry policy', () => {
  it('tries a GET again after a 503 and returns the answer that then arrives', async () => {
    answerInTurn('/flaky', [{ status: 503 }])
    const { sleep, waits } = recordingSleep()
    const response = await sendOutbound(get('/flaky', { retry: { sleep } }))
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe('done')
    expect(response.attempts).toBe(2)
    expect(waits).toHaveLength(1)
    expect(server.seen).toEqual(['GET /flaky', 'GET /flaky'])
  })

  it('waits what a 429 Retry-After asks, but never more than 120 s', async () => {
    answerInTurn('/limited', [
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 429, headers: { 'retry-after': '86400' } },
    ])
    const { sleep, waits } = recordingSleep()
    const response = await sendOutbound(get('/limited', { retry: { sleep, maxAttempts: 3 } }))
    expect(response.status).toBe(200)
    expect(waits).toEqual([7000, 120_000])
  })

  it('returns the last answer when the attempts run out', async () => {
    answerInTurn('/down', [{ status: 503 }, { status: 503 }, { status: 503 }])
    const { sleep } = recordingSleep()
    const response = await sendOutbound(get('/down', { retry: { sleep, maxAttempts: 2 } }))
    expect(response.status).toBe(503)
    expect(response.attempts).toBe(2)
    expect(response.body.toString()).toContain('SlowDown')
  })

  it('does not send a POST again unless the caller says it is safe to repeat', async () => {
    const { sleep } = recordingSleep()
    answerInTurn('/post', [{ status: 503 }], 'POST')
    const once = await sendOutbound({ ...get('/post', { retry: { sleep } }), method: 'POST', body: Buffer.from('{}') })
    expect(once.status).toBe(503)
    expect(once.attempts).toBe(1)
    answerInTurn('/post', [{ status: 503 }], 'POST')
    const repeated = await sendOutbound({
      ...get('/post', { retry: { sleep, safeToRepeat: true } }),
      method: 'POST',
      body: Buffer.from('{}'),
    })
    expect(repeated.status).toBe(200)
    expect(repeated.attempts).toBe(2)
  })

  it('tries a refused connection again, then says in plain words which host could not be reached', async () => {
    const port = await closedPort()
    const { sleep, waits } = recordingSleep()
    const origin = `http://127.0.0.1:${port}`
    const error = await failureOf(
      sendOutbound({
        method: 'GET',
        url: `${origin}/x`,
        links: { allowedLoopbackOrigin: origin },
        maxBodyBytes: MIB,
        retry: { sleep, maxAttempts: 3 },
      }),
    )
    expect(error.code).toBe('network')
    expect(error.message).toBe(`Could not reach 127.0.0.1:${port} (ECONNREFUSED).`)
    expect(waits).toHaveLength(2)
  })
})

describe('timeouts and stopping', () => {
  it('ends an attempt when a server sends nothing, as a timeout AppError', async () => {
    server.route('GET', '/hang', () => new Promise(() => undefined))
    const error = await failureOf(sendOutbound(get('/hang', { idleTimeoutMs: 200, retry: { maxAttempts: 1 } })))
    expect(error.code).toBe('timeout')
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ sent and received nothing for 0\.2 s\.$/)
  })

  it('ends the whole request at its deadline, retries included', async () => {
    server.route('GET', '/hang', () => new Promise(() => undefined))
    const error = await failureOf(sendOutbound(get('/hang', { idleTimeoutMs: 60_000, deadlineMs: 300, retry: { maxAttempts: 5 } })))
    expect(error.code).toBe('timeout')
    expect(error.message).toMatch(/did not finish within 0\.3 s/)
    expect(server.seen).toEqual(['GET /hang'])
  })

  it('stops at once when the caller aborts, and does not try again', async () => {
    server.route('GET', '/hang', () => new Promise(() => undefined))
    const controller = new AbortController()
    const { sleep, waits } = recordingSleep()
    const pending = sendOutbound(get('/hang', { signal: controller.signal, retry: { sleep } }))
    await waitUntil(() => server.seen.includes('GET /hang'))
    controller.abort()
    const error = await failureOf(pending)
    expect(error.code).toBe('cancelled')
    expect(waits).toEqual([])
  })
})

describe('caps and links', () => {
  it('counts the cap after decompression: a small gzip that inflates to 64 MiB is refused at 1 MiB', async () => {
    const bomb = await gzipBomb(64 * MIB)
    expect(bomb.length).toBeLessThan(MIB)
    server.route('GET', '/bomb', (_req, res) => sendGzip(res, bomb))
    const error = await failureOf(sendOutbound(get('/bomb')))
    expect(error.code).toBe('response_too_large')
    expect(error.message).toContain('larger than 1 MiB')
    expect(server.seen).toEqual(['GET /bomb'])
  })

  it('refuses plain http to a loopback port that is not the allowed origin, before anything is sent', async () => {
    const error = await failureOf(sendOutbound({ ...get('/any'), links: {} }))
    expect(error.message).toMatch(/^The org answered with a link Switchboard will not follow: it is plain http/)
    const other = await failureOf(sendOutbound({ ...get('/any'), links: { allowedLoopbackOrigin: 'http://127.0.0.1:1' } }))
    expect(other.message).toMatch(/will not follow/)
    expect(server.seen).toEqual([])
  })

  it('follows no redirect: a 302 comes back as it is, and its target is never asked', async () => {
    server.route('GET', '/moved', (_req, res) => res.writeHead(302, { location: `${server.url}/elsewhere` }).end())
    const response = await sendOutbound(get('/moved'))
    expect(response.status).toBe(302)
    expect(server.seen).toEqual(['GET /moved'])
  })
})

describe('downloads to a file', () => {
  it('writes the file (mode 0600) with its size and SHA-256, reporting progress', async () => {
    const content = Buffer.alloc(300_000, 'a')
    server.route('GET', '/file', (_req, res) => res.writeHead(200, { 'content-length': String(content.length) }).end(content))
    const progress: number[] = []
    const target = join(folder, 'file.json')
    const response = await downloadToFile({ ...get('/file'), target, onDownloadProgress: (bytes) => progress.push(bytes) })
    expect(response.file).toEqual({ path: target, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') })
    expect(await readFile(target)).toEqual(content)
    expect((await stat(target)).mode & 0o777).toBe(0o600)
    expect(progress.at(-1)).toBe(content.length)
    expect(await readdir(folder)).toEqual(['file.json'])
  })

  it('leaves nothing behind when every attempt is cut short', async () => {
    server.route('GET', '/cut', (_req, res) => {
      res.writeHead(200, { 'content-length': '100000' })
      res.write(Buffer.alloc(50_000, 'b'))
      setImmediate(() => res.destroy())
    })
    const { sleep } = recordingSleep()
    const error = await failureOf(
      downloadToFile({ ...get('/cut', { retry: { sleep, maxAttempts: 3 } }), target: join(folder, 'cut.json') }),
    )
    expect(error.code).toBe('network')
    expect(server.seen).toEqual(['GET /cut', 'GET /cut', 'GET /cut'])
    expect(await readdir(folder)).toEqual([])
  })

  it('leaves nothing behind when the answer goes past its cap, and does not try again', async () => {
    server.route('GET', '/big', (_req, res) => res.writeHead(200).end(Buffer.alloc(2 * MIB)))
    const error = await failureOf(downloadToFile({ ...get('/big'), target: join(folder, 'big.json') }))
    expect(error.code).toBe('response_too_large')
    expect(server.seen).toEqual(['GET /big'])
    expect(await readdir(folder)).toEqual([])
  })

  it('does not rename a file whose SHA-256 is not the one expected', async () => {
    server.route('GET', '/file', (_req, res) => res.writeHead(200).end('hello'))
    const error = await failureOf(downloadToFile({ ...get('/file'), target: join(folder, 'f.json'), expectSha256: '0'.repeat(64) }))
    expect(error.message).toMatch(/SHA-256 does not match/)
    expect(await readdir(folder)).toEqual([])
  })
})

describe('uploads from a file', () => {
  it('streams the file with progress up to its size, and the server receives every byte', async () => {
    const path = join(folder, 'upload.bin')
    const content = Buffer.alloc(3 * MIB, 7)
    await writeFile(path, content)
    let received = 0
    server.route('PUT', '/object', (req, res, body) => {
      received = Number(req.headers['content-length'])
      res.writeHead(200, { etag: '"e"' }).end(String(Buffer.byteLength(body)))
    })
    const progress: Array<[number, number]> = []
    const response = await sendOutbound({
      ...get('/object'),
      method: 'PUT',
      body: { file: path, size: content.length },
      onUploadProgress: (sent, total) => progress.push([sent, total]),
    })
    expect(response.status).toBe(200)
    expect(response.bodySent).toBe(true)
    expect(received).toBe(content.length)
    expect(response.body.toString()).toBe(String(content.length))
    expect(progress.at(-1)).toEqual([content.length, content.length])
    expect(progress.map(([sent]) => sent)).toEqual([...progress.map(([sent]) => sent)].sort((a, b) => a - b))
  })
})

async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10))
}
