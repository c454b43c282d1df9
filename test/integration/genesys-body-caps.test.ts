import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createGenesysClient, type GenesysClient } from '../../src/main/core/genesys'
import { downloadResult } from '../../src/main/core/privacy/downloadResult'
import { readUploadReport } from '../../src/main/core/uploads/uploadReport'
import { AppError } from '../../src/shared/errors'
import {
  gzipBomb,
  peakRssGrowth,
  sendGzip,
  sendToken,
  startHostileServer,
  streamHugeJson,
  type HostileServer,
} from './helpers/hostileServer'

const GIB = 1024 ** 3
const MIB = 1024 ** 2
const RSS_LIMIT = 300 * MIB

let server: HostileServer
let bomb: Buffer
let folder: string

beforeAll(async () => {
  server = await startHostileServer()
  bomb = await gzipBomb(GIB)
  folder = await mkdtemp(join(tmpdir(), 'switchboard-caps-'))
  server.route('POST', '/oauth/token', (_req, res) => sendToken(res))
  server.route('GET', '/api/v2/bomb', (_req, res) => sendGzip(res, bomb))
  server.route('GET', '/api/v2/huge', (_req, res) => streamHugeJson(res, 600 * MIB))
  server.route('GET', '/results/export.json', (_req, res) => sendGzip(res, bomb))
  server.route('GET', '/reports/r-1.csv', (_req, res) => sendGzip(res, bomb, 'text/csv'))
  server.route('POST', '/api/v2/recording/uploads/reports', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r-1"}'),
  )
  server.route('GET', '/api/v2/recording/uploads/reports/r-1', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 'r-1', state: 'Completed', signedUrl: `${server.url}/reports/r-1.csv` })),
  )
}, 60_000)
afterAll(async () => {
  await server.close()
  await rm(folder, { recursive: true, force: true })
})

function clientOf(loginBase = server.url): GenesysClient {
  return createGenesysClient({
    apiBase: server.url,
    loginBase,
    clientId: 'client-id-1',
    clientSecret: 'client-secret-1',
    maxRetries: 0,
    sleep: async () => undefined,
  })
}

function expectTooLarge(error: unknown, cap: string): void {
  expect(error).toBeInstanceOf(AppError)
  const appError = error as AppError
  expect(appError.code).toBe('response_too_large')
  expect(appError.message).toContain(cap)
  expect(appError.message).toContain('stopped reading')
  expect(appError.hint).toMatch(/try again later/i)
}

describe('API answers are capped at 32 MiB, counted after decompression', () => {
  it('a 1 MB gzip that inflates to 1 GiB fails as too large, and memory stays bounded', async () => {
    expect(bomb.length).toBeLessThan(2 * MIB)
    const client = clientOf()
    await client.token()
    const { error, growth } = await peakRssGrowth(() => client.request({ method: 'GET', path: '/api/v2/bomb', schema: z.unknown() }))
    expectTooLarge(error, '32 MiB')
    expect(growth).toBeLessThan(RSS_LIMIT)
  }, 60_000)

  it('a 600 MB JSON answer fails as too large without being read whole', async () => {
    const client = clientOf()
    await client.token()
    const { error, growth } = await peakRssGrowth(() => client.request({ method: 'GET', path: '/api/v2/huge', schema: z.unknown() }))
    expectTooLarge(error, '32 MiB')
    expect(growth).toBeLessThan(RSS_LIMIT)
  }, 60_000)

  it('the login host is capped the same way', async () => {
    const login = await startHostileServer()
    try {
      login.route('POST', '/oauth/token', (_req, res) => sendGzip(res, bomb))
      const { error, growth } = await peakRssGrowth(() => clientOf(login.url).token())
      expectTooLarge(error, '32 MiB')
      expect(growth).toBeLessThan(RSS_LIMIT)
    } finally {
      await login.close()
    }
  }, 60_000)
})

describe('downloads stream to disk under their own cap, counted after decompression', () => {
  it('a result that inflates past its cap fails as too large and leaves no file behind', async () => {
    const target = join(folder, 'export.json.part')
    const links = { allowedLoopbackOrigin: server.url }
    const { error, growth } = await peakRssGrowth(() =>
      downloadResult(`${server.url}/results/export.json`, target, { links, maxBytes: 8 * MIB }),
    )
    expectTooLarge(error, '8 MiB')
    expect(growth).toBeLessThan(RSS_LIMIT)
    expect(await readdir(folder)).toEqual([])
    expect(server.seen.filter((s) => s === 'GET /results/export.json')).toHaveLength(1)
  }, 60_000)

  it('the upload report file is capped (64 MiB) before it is parsed', async () => {
    const client = clientOf()
    const { error, growth } = await peakRssGrowth(() =>
      readUploadReport(client, { since: Date.now(), links: { allowedLoopbackOrigin: server.url } }),
    )
    expectTooLarge(error, '64 MiB')
    expect(growth).toBeLessThan(RSS_LIMIT)
  }, 60_000)
})
