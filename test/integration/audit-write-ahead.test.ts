/**
 * Write-ahead: every POST, PUT, PATCH and DELETE is in the audit log on disk (fsynced) before it leaves,
 * its outcome follows; GETs stay buffered; and a request whose intent cannot be written is not sent.
 */
import { readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import { openAuditLog } from '../../src/main/core/audit'
import { createGenesysClient } from '../../src/main/core/genesys'
import { AppError } from '../../src/shared/errors'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { wavBytes } from '../fixtures/audio'
import { startInterceptProxy, type InterceptProxy } from './helpers/interceptProxy'
import { allSettled, makeDir, readAudit, startUploadSession } from './helpers/uploadSession'
import type { AuditEntry } from '../../src/shared/api'

let sandbox: Sandbox
let proxy: InterceptProxy
let dataDir: string
let dir: string
/** For each state-changing API request that reached the proxy: was its intent already in the file? */
const arrivals: { target: string; intentOnDisk: boolean }[] = []

function entriesInFile(path: string): AuditEntry[] {
  let text = ''
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry)
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3 })
  dataDir = await makeDir('switchboard-write-ahead-')
  dir = await makeDir()
  proxy = await startInterceptProxy(sandbox.url, (req) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.method !== 'GET' && path.startsWith('/api/v2/')) {
      const target = `${req.method} ${path}`
      const seen = arrivals.filter((a) => a.target === target).length
      const intents = entriesInFile(join(dataDir, 'audit', 'audit.jsonl')).filter((e) => e.action === 'api.intent' && e.target === target)
      arrivals.push({ target, intentOnDisk: intents.length > seen })
    }
    return 'forward'
  })
  // The upload links must point at the address the Sandbox profile talks to: only that origin is followed.
  sandbox.setPublicUrl(proxy.url)
})
afterAll(async () => {
  await proxy.close()
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(dir, { recursive: true, force: true })
})

it(
  'an upload: its POST and its PUT are on disk before they leave, outcomes follow, GETs are not written ahead',
  { timeout: 60_000 },
  async () => {
    const folder = join(dir, 'batch')
    await mkdir(folder)
    await writeFile(join(folder, 'a.wav'), wavBytes({ variant: 1, bytes: 9000 }))
    const session = await startUploadSession({ existingSandbox: { ...sandbox, url: proxy.url }, dataDir })
    try {
      await session.call('uploads.start', { paths: [folder], metadata: { department: 'wa', complianceTag: '', retentionDirective: '' } })
      const rows = await session.waitForRows((r) => allSettled(r), 30_000)
      expect(rows.rows.map((r) => r.state)).toEqual(['done'])
    } finally {
      await session.close()
    }

    expect(arrivals.filter((a) => a.target === 'POST /api/v2/uploads/recordings')).toEqual([
      { target: 'POST /api/v2/uploads/recordings', intentOnDisk: true },
    ])
    expect(arrivals.every((a) => a.intentOnDisk)).toBe(true)

    const log = await readAudit(dataDir)
    const index = (pred: (e: AuditEntry) => boolean) => log.findIndex(pred)
    const presignIntent = index((e) => e.action === 'api.intent' && e.target === 'POST /api/v2/uploads/recordings')
    const presignOutcome = index((e) => e.action === 'api.call' && e.target === 'POST /api/v2/uploads/recordings' && e.outcome === 'ok')
    expect(presignIntent).toBeGreaterThanOrEqual(0)
    expect(presignOutcome).toBeGreaterThan(presignIntent)
    expect(log[presignIntent]).toMatchObject({ outcome: 'pending', detail: { attempt: 1 } })
    const putIntent = index((e) => e.action === 'recording.upload.put.intent' && e.target === 'a.wav')
    const putOutcome = index((e) => e.action === 'recording.upload.put' && e.target === 'a.wav' && e.outcome === 'ok')
    expect(putIntent).toBeGreaterThan(presignOutcome)
    expect(putOutcome).toBeGreaterThan(putIntent)
    expect(log[putIntent]).toMatchObject({ outcome: 'pending', detail: { attempt: 1 } })
    // GETs are recorded once, as outcomes, not written ahead.
    expect(log.some((e) => e.action === 'api.call' && e.target.startsWith('GET '))).toBe(true)
    expect(log.some((e) => e.action === 'api.intent' && e.target.startsWith('GET '))).toBe(false)
  },
)

it('a request whose intent cannot be written is refused with a clear error and never sent', async () => {
  const auditDir = join(dir, 'closed-audit')
  const audit = await openAuditLog({ dir: auditDir })
  await audit.close()
  const client = createGenesysClient({
    apiBase: sandbox.url,
    loginBase: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    writeAhead: async (intent) => {
      await audit.appendDurable({
        profile: 'p',
        org: 'o',
        action: 'api.intent',
        target: `${intent.method} ${intent.path}`,
        outcome: 'pending',
        detail: { attempt: intent.attempt },
      })
    },
  })
  sandbox.resetStats()
  const failure = await client
    .request({ method: 'POST', path: '/api/v2/uploads/recordings', data: { fileName: 'x.wav' }, schema: z.unknown() })
    .then(
      () => undefined,
      (error: unknown) => error,
    )
  expect(failure).toBeInstanceOf(AppError)
  expect(failure).toMatchObject({
    code: 'file',
    message: expect.stringMatching(/^POST \/api\/v2\/uploads\/recordings was not sent: the audit log could not record it first/),
  })
  expect((failure as AppError).hint).toMatch(/writable/)
  expect(sandbox.stats().byRoute['POST /api/v2/uploads/recordings'] ?? 0).toBe(0)
  // GETs do not wait for the log.
  const me = await client.request({ method: 'GET', path: '/api/v2/organizations/me', schema: z.object({ name: z.string() }).passthrough() })
  expect(me.status).toBe(200)
})
