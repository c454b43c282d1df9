/**
 * Links from the API (presigned uploads, result files) are followed only over https, or to the Sandbox
 * profile's own origin. A real-org profile whose gateway is on loopback (here a forwarding gateway in
 * front of the real sandbox) gets links to another loopback port (the sandbox's own): they are refused,
 * and nothing reaches that port but what the gateway forwarded.
 */
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_PROFILE_ID } from '../../src/shared/api'
import type { Sandbox } from '../../src/main/sandbox'
import { writeWav } from '../fixtures/audio'
import { JONAS, call, isFinished, startPrivacySession, waitForRequest, type PrivacySession } from './helpers/privacySession'
import { allSettled, makeDir, startUploadSession, type UploadSession } from './helpers/uploadSession'

interface Gateway {
  url: string
  forwarded: number
  close(): Promise<void>
}

/** A plain forwarding gateway on its own loopback port: what a corporate gateway to a real org would be. */
async function startGateway(sandbox: Sandbox): Promise<Gateway> {
  const gateway: Gateway = { url: '', forwarded: 0, close: async () => undefined }
  const server: Server = createServer((req, res) => {
    gateway.forwarded += 1
    const upstream = httpRequest(
      { host: '127.0.0.1', port: sandbox.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  gateway.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return gateway
}

/** Routes the sandbox served that are not API or login routes: object stores, report and result files. */
function outsideTheApi(sandbox: Sandbox): string[] {
  return Object.keys(sandbox.stats().byRoute).filter((route) => !/^[A-Z]+ (\/api\/v2\/|\/oauth\/token$)/.test(route))
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

async function useGatewayProfile(
  callMethod: (method: 'profiles.save' | 'profiles.setActive', input: never) => Promise<unknown>,
  sandbox: Sandbox,
  gateway: Gateway,
): Promise<string> {
  const saved = (await callMethod('profiles.save', {
    name: 'Gateway org',
    region: 'eu-west-1',
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    gatewayUrl: gateway.url,
  } as never)) as { id: string }
  await callMethod('profiles.setActive', { id: saved.id } as never)
  return saved.id
}

describe('presigned upload links', () => {
  it('a real-org profile does not PUT a recording to another loopback port; the Sandbox profile still uploads', async () => {
    const session: UploadSession = await startUploadSession()
    const dir = await makeDir()
    const gateway = await startGateway(session.sandbox)
    cleanup.push(
      () => session.close(),
      () => rm(dir, { recursive: true, force: true }),
      () => gateway.close(),
    )

    await useGatewayProfile((m, i) => session.call(m, i), session.sandbox, gateway)
    const file = await writeWav(join(dir, 'call.wav'), { variant: 3, bytes: 20_000 })
    await session.call('uploads.start', { paths: [file] })
    const snapshot = await session.waitForRows(allSettled)
    const row = snapshot.rows[0]
    expect(row.state).toBe('failed')
    expect(row.error?.message).toMatch(/^The org answered with a link Switchboard will not follow: it is plain http \(127\.0\.0\.1:\d+\)/)
    expect(row.error?.hint).toMatch(/Nothing was sent/)
    expect(session.sandbox.stats().byRoute['POST /api/v2/uploads/recordings']).toBeGreaterThan(0)
    expect(session.sandbox.uploads()).toEqual([])
    // The sandbox's own port got API calls only (forwarded by the gateway): no PUT of the object, no report fetch.
    expect(outsideTheApi(session.sandbox)).toEqual([])

    await session.call('uploads.clear', {})
    await session.call('profiles.setActive', { id: SANDBOX_PROFILE_ID })
    await session.call('uploads.start', { paths: [file] })
    const viaSandbox = await session.waitForRows(allSettled)
    expect(viaSandbox.rows.map((r) => r.state)).toEqual(['done'])
    expect(session.sandbox.uploads()).toHaveLength(1)
    expect(outsideTheApi(session.sandbox)).toEqual([expect.stringMatching(/^PUT /)])
  }, 30_000)
})

describe('result links', () => {
  it('a real-org profile does not download results from another loopback port; nothing is written', async () => {
    const session: PrivacySession = await startPrivacySession()
    const folder = await mkdtemp(join(tmpdir(), 'switchboard-results-'))
    const gateway = await startGateway(session.sandbox)
    cleanup.push(
      () => session.close(),
      () => rm(folder, { recursive: true, force: true }),
      () => gateway.close(),
    )

    await useGatewayProfile((m, i) => call(session.core, m, i), session.sandbox, gateway)
    const { request } = await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    expect((await waitForRequest(session.core, request.id, isFinished)).status).toBe('COMPLETED')
    const saved = await call(session.core, 'privacy.saveResults', { id: request.id, folder, csv: true })
    expect(saved.files).toEqual([])
    expect(saved.problems).toHaveLength(2)
    for (const problem of saved.problems) {
      expect(problem.message).toMatch(/^The org answered with a link Switchboard will not follow: it is plain http/)
      expect(problem.hint).toMatch(/Nothing was sent/)
    }
    expect(await readdir(saved.folder)).toEqual([])
    expect(outsideTheApi(session.sandbox)).toEqual([])
  }, 30_000)
})
