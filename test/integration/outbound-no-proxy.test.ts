import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startHostileServer, type HostileServer } from './helpers/hostileServer'

let target: HostileServer
let proxy: HostileServer

beforeAll(async () => {
  target = await startHostileServer()
  proxy = await startHostileServer()
  target.route('GET', '/report.csv', (_req, res) => res.writeHead(200).end('uploadKey,uploadStatus\r\n'))
  proxy.route('GET', '/report.csv', (_req, res) => res.writeHead(200).end('from the proxy'))
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await target.close()
  await proxy.close()
})

it('never puts a system proxy between Switchboard and the sandbox on loopback', async () => {
  vi.stubEnv('HTTP_PROXY', proxy.url)
  vi.stubEnv('http_proxy', proxy.url)
  vi.stubEnv('NO_PROXY', '')
  vi.stubEnv('no_proxy', '')
  vi.resetModules()
  // Loaded after the environment names a proxy: the client's connection pools read it when they are made.
  const { sendOutbound } = await import('../../src/main/core/net/outboundHttp')
  const response = await sendOutbound({
    method: 'GET',
    url: `${target.url}/report.csv`,
    links: { allowedLoopbackOrigin: target.url },
    maxBodyBytes: 1024,
  })
  expect(response.body.toString()).toBe('uploadKey,uploadStatus\r\n')
  expect(target.seen).toEqual(['GET /report.csv'])
  expect(proxy.seen).toEqual([])
})
