/**
 * Failures below HTTP reach the user as AppError in plain words with a hint, never as raw Node, OpenSSL,
 * zlib or axios text. Each failure is real: a closed port, an unknown host, a self-signed certificate, a
 * damaged gzip body, an ftp address.
 */
import { createServer as createNetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGenesysClient } from '../../src/main/core/genesys'
import { describeTransportError } from '../../src/main/core/genesys/transportErrors'
import { AppError } from '../../src/shared/errors'
import { startHostileServer, type HostileServer } from './helpers/hostileServer'
import { startSelfSignedServer, type SelfSignedServer } from './helpers/selfSignedTls'

const RAW_TEXT =
  /connect ECONN|getaddrinfo|Unsupported protocol|incorrect header check|self[- ]signed certificate in|unable to verify the first|AxiosError|zlib|Z_DATA_ERROR|maxContentLength|socket hang up/i

function clientAt(base: string) {
  return createGenesysClient({
    apiBase: base,
    loginBase: base,
    clientId: 'client-id-1',
    clientSecret: 'client-secret-1',
    maxRetries: 0,
    timeoutMs: 10_000,
    sleep: async () => undefined,
  })
}

async function failureOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  const appError = error as AppError
  expect(appError.message).not.toMatch(RAW_TEXT)
  expect(appError.hint.length).toBeGreaterThan(15)
  return appError
}

async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let tls: SelfSignedServer
let tlsUrl: string
let hostile: HostileServer

beforeAll(async () => {
  tls = await startSelfSignedServer((_req, res) => res.end('{}'))
  tlsUrl = tls.url
  hostile = await startHostileServer()
  hostile.route('POST', '/oauth/token', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
    res.end(Buffer.from('this is not gzip data at all, just bytes'))
  })
}, 30_000)
afterAll(async () => {
  await tls.close()
  await hostile.close()
})

describe('transport failures in plain words', () => {
  it('a refused connection', async () => {
    const port = await closedPort()
    const error = await failureOf(clientAt(`http://127.0.0.1:${port}`).token())
    expect(error.code).toBe('network')
    expect(error.message).toBe(`Could not reach 127.0.0.1:${port} (ECONNREFUSED).`)
    expect(error.hint).toMatch(/network connection/)
  })

  it('a host name that does not exist', async () => {
    const error = await failureOf(clientAt('https://switchboard-no-such-host.invalid').token())
    expect(error.code).toBe('network')
    expect(error.message).toMatch(/^Could not (find|reach) switchboard-no-such-host\.invalid/)
  })

  it('a certificate that cannot be verified', async () => {
    const error = await failureOf(clientAt(tlsUrl).token())
    expect(error.code).toBe('network')
    expect(error.message).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ could not be verified \([A-Z_]+\)\.$/)
    expect(error.hint).toMatch(/proxy or firewall/)
  })

  it('a compressed answer that cannot be inflated', async () => {
    const error = await failureOf(clientAt(hostile.url).token())
    expect(error.code).toBe('server_error')
    expect(error.message).toMatch(/compressed data that could not be read/)
  })

  it('an address that is not http or https', async () => {
    const error = await failureOf(clientAt('ftp://127.0.0.1:2121').token())
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/only connects to https addresses/)
    expect(error.hint).toMatch(/gateway URL/)
  })

  it('upload failures describe the transport error in plain words', async () => {
    const port = await closedPort()
    const refused = await fetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (e: unknown) => (e as { cause?: unknown }).cause,
    )
    expect(describeTransportError(refused)).toBe('the connection was refused')
    expect(describeTransportError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('the connection was cut off')
    expect(describeTransportError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe(
      'the secure connection could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT)',
    )
  })
})
