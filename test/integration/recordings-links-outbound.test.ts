/**
 * A media link is checked against the profile's outbound link rule: a real-org profile (here reaching
 * the sandbox through a loopback gateway) is refused a plain-http link to another port, the refusal is
 * audited without the link, and no event is emitted; the Sandbox profile gets its own origin's links.
 */
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SANDBOX_PROFILE_ID, type AppEvent } from '../../src/shared/api'
import { parseAuditLine } from '../../src/main/core/audit'
import { addRecording, call, startLinksSession, type LinksSession } from './helpers/linksSession'
import { auditFileNames } from './helpers/auditFolder'

let session: LinksSession
let gateway: Server
let gatewayUrl: string

beforeAll(async () => {
  session = await startLinksSession()
  const port = session.sandbox.port
  gateway = createServer((req, res) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
})
afterAll(async () => {
  gateway.closeAllConnections()
  await new Promise<void>((resolve) => gateway.close(() => resolve()))
  await session.close()
})

it('refuses a plain-http media link for a real-org profile and audits the refusal without the link', async () => {
  const events: AppEvent[] = []
  session.core.onAppEvent((event) => events.push(event))
  const saved = await call(session.core, 'profiles.save', {
    name: 'Gateway org',
    region: 'eu-west-1',
    clientId: session.sandbox.clientId,
    clientSecret: session.sandbox.clientSecret,
    gatewayUrl,
  })
  await call(session.core, 'profiles.setActive', { id: saved.id })
  const recording = addRecording(session.sandbox)
  const input = { conversationId: recording.conversationId, recordingId: recording.id, format: 'WAV' as const }

  const failure = await call(session.core, 'recordings.link', input).then(
    () => undefined,
    (error: unknown) => error as { message: string; hint: string; correlationId?: string },
  )
  expect(failure?.message).toMatch(/^The org answered with a link Switchboard will not follow: it is plain http \(127\.0\.0\.1:\d+\)/)
  expect(failure?.hint).toMatch(/Nothing was sent/)
  expect(failure?.correlationId).toBeTruthy()
  expect(events.filter((e) => e.type === 'media.url.generated')).toEqual([])

  const dir = join(session.dataDir, 'audit')
  await call(session.core, 'audit.verify', {})
  const text = (await Promise.all((await auditFileNames(dir)).map((f) => readFile(f, 'utf8')))).join('\n')
  const entries = text.split('\n').flatMap((line) => parseAuditLine(line) ?? [])
  expect(entries.filter((e) => e.action === 'recordings.link')).toMatchObject([{ outcome: 'error', detail: { result: 'link-refused' } }])
  expect(text).not.toMatch(/X-Amz-Signature/)

  await call(session.core, 'profiles.setActive', { id: SANDBOX_PROFILE_ID })
  expect((await call(session.core, 'recordings.link', input)).state).toBe('ready')
})
