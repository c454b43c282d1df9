/**
 * kill -9 the moment a state-changing request reaches the server: the audit log on disk already holds
 * its write-ahead intent (and the steps before it), the chain verifies, and the next start records the
 * unclean stop with the window in which buffered entries may have been lost.
 */
import { spawn } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openAuditLog } from '../../src/main/core/audit'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { wavBytes } from '../fixtures/audio'
import { startInterceptProxy, type InterceptProxy } from './helpers/interceptProxy'
import { makeDir, readAudit } from './helpers/uploadSession'

const repoRoot = resolve(__dirname, '../..')
const childScript = join(repoRoot, 'test/fixtures/uploadsCrashChild.ts')
const PRESIGN = '/api/v2/uploads/recordings'

let sandbox: Sandbox
let proxy: InterceptProxy
let dir: string
let dataDir: string
let killChild: (() => void) | undefined
let presignArrived = false

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 9 })
  proxy = await startInterceptProxy(sandbox.url, (req) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === PRESIGN) {
      presignArrived = true
      killChild?.()
      return 'hold'
    }
    return 'forward'
  })
  dir = await makeDir()
  dataDir = await makeDir('switchboard-audit-crash-')
})
afterAll(async () => {
  await proxy.close()
  await sandbox.close()
  await rm(dir, { recursive: true, force: true })
  await rm(dataDir, { recursive: true, force: true })
})

it(
  'a POST that reached the server before SIGKILL has its intent on disk; the next start records the unclean stop',
  { timeout: 60_000 },
  async () => {
    const folder = join(dir, 'one')
    await mkdir(folder)
    await writeFile(join(folder, 'call.wav'), wavBytes({ variant: 77, bytes: 9000 }))

    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, proxy.url, folder], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
    killChild = () => child.kill('SIGKILL')
    const timer = setTimeout(() => child.kill('SIGTERM'), 40_000)
    expect(await exited, stderr).toBe('SIGKILL')
    clearTimeout(timer)
    expect(presignArrived).toBe(true)

    // Read from disk exactly as the dead process left it.
    const onDisk = await readAudit(dataDir)
    const intents = onDisk.filter((e) => e.action === 'api.intent' && e.target === `POST ${PRESIGN}`)
    expect(intents).toHaveLength(1)
    expect(intents[0]).toMatchObject({ outcome: 'pending', detail: { attempt: 1 } })
    // Everything appended before the intent was made durable with it, the upload's "started" step included.
    expect(onDisk.some((e) => e.action === 'recording.upload.started' && e.target === 'call.wav')).toBe(true)
    expect(onDisk.some((e) => e.action === 'api.call' && e.target === `POST ${PRESIGN}`)).toBe(false)

    const log = await openAuditLog({ dir: join(dataDir, 'audit') })
    try {
      const [marker] = (await log.query({ filter: { action: 'audit.unclean_stop' } })).entries
      expect(marker).toMatchObject({ outcome: 'error', detail: { pid: child.pid } })
      const lostFrom = Date.parse(String(marker.detail?.lostFrom))
      const lostUntil = Date.parse(String(marker.detail?.lostUntil))
      expect(lostFrom).toBeLessThanOrEqual(lostUntil)
      // Everything that reached the disk was durable by lostFrom... at the latest when the intent was written.
      expect(lostFrom).toBeGreaterThanOrEqual(Date.parse(intents[0].time) - 1)
      expect(await log.verify()).toMatchObject({ ok: true })
    } finally {
      await log.close()
    }

    // A clean stop is not reported as an unclean one.
    const again = await openAuditLog({ dir: join(dataDir, 'audit') })
    try {
      expect((await again.query({ filter: { action: 'audit.unclean_stop' } })).entries).toHaveLength(1)
    } finally {
      await again.close()
    }
  },
)
