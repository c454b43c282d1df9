/**
 * Audit forwarding to a real syslog receiver (rsyslogd over TLS, RFC 5425 framing): every entry from the
 * moment forwarding was set up arrives, across a restart of the app and an outage of the receiver, and
 * what arrives is the log itself (the chain checks out at the receiver, seq and hash in the structured
 * data). Entries archived during an outage are read back from the archive. Syslog has no acknowledgement:
 * what a hung receiver took into its buffers counts as delivered until its connection drops, and is then
 * sent again. Duplicates may arrive after a reconnect; the receiver drops them by seq.
 */
import { createHash } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/core'
import { startSandbox } from '../../src/main/sandbox'
import { openTestCore, restartableSession, type RestartableSession } from './helpers/coreSession'
import { startRsyslog, type ReceivedMessage, type SyslogReceiver } from './helpers/rsyslogReceiver'

let receiver: SyslogReceiver
let session: RestartableSession
/** What the screen sends besides the fields a test sets. */
const BLANK = { host: '', port: 6514, caCert: '', clientCert: '', hecUrl: '' }

beforeAll(async () => {
  receiver = await startRsyslog()
  const sandbox = await startSandbox({ port: 0 })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-forward-'))
  session = await restartableSession(sandbox, dataDir, () => openTestCore(dataDir, sandbox))
}, 20_000)

afterAll(async () => {
  await session?.close()
  await receiver?.close()
})

let counter = 0
/** Appends `n` ordinary entries through a real workflow (uploads.settings.change). */
async function makeEntries(core: Core, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await core.handlers['uploads.settings.set']({ maxFileBytes: 1_000_000 + ++counter })
}

async function headSeq(core: Core): Promise<number> {
  return (await core.handlers['audit.tail']({ limit: 1 }))[0].seq
}

/** Received entries by seq (duplicates dropped, as the receiver would), each checked against its hash. */
function bySeq(messages: ReceivedMessage[]): Map<number, ReceivedMessage> {
  const map = new Map<number, ReceivedMessage>()
  for (const m of messages) if (m.seq !== undefined && !map.has(m.seq)) map.set(m.seq, m)
  return map
}

async function expectAllArrived(from: number, to: number): Promise<Map<number, ReceivedMessage>> {
  let received = new Map<number, ReceivedMessage>()
  await vi.waitFor(
    async () => {
      received = bySeq(await receiver.messages())
      const missing = []
      for (let seq = from; seq <= to; seq++) if (!received.has(seq)) missing.push(seq)
      expect(missing).toEqual([])
    },
    { timeout: 10_000, interval: 100 },
  )
  return received
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('audit forwarding to syslog over TLS (rsyslogd)', () => {
  let firstSeq = 0

  it('rejects a receiver whose certificate it cannot trust, and sends a test message once the CA is given', async () => {
    const core = session.core
    await core.handlers['auditForwarding.config.set']({ ...BLANK, kind: 'syslog', host: '127.0.0.1', port: receiver.port })
    const untrusted = await core.handlers['auditForwarding.sendTest']({})
    expect(untrusted.ok).toBe(false)
    expect(untrusted.error?.hint).toMatch(/CA certificate/)
    await core.handlers['auditForwarding.pause']({})

    const view = await core.handlers['auditForwarding.config.set']({
      ...BLANK,
      kind: 'syslog',
      host: '127.0.0.1',
      port: receiver.port,
      caCert: receiver.caPem,
    })
    expect(view).toMatchObject({ kind: 'syslog', host: '127.0.0.1', port: receiver.port, paused: true })
    const test = await core.handlers['auditForwarding.sendTest']({})
    expect(test.ok).toBe(true)
    expect(test.answer).toMatch(/TLSv1\.[23].*Switchboard test CA/)
    await vi.waitFor(async () => expect((await receiver.messages()).some((m) => m.test)).toBe(true), { timeout: 5000 })
  })

  it('forwards every entry from the set-up on, as the log holds it, also across a restart of the app', async () => {
    let core = session.core
    firstSeq = (await headSeq(core)) + 1
    const resumed = await core.handlers['auditForwarding.resume']({})
    expect(resumed.state).toMatch(/catching_up|live/)
    await makeEntries(core, 5)
    await expectAllArrived(firstSeq, await headSeq(core))

    core = await session.restart()
    await makeEntries(core, 5)
    const head = await headSeq(core)
    const received = await expectAllArrived(firstSeq, head)

    // What arrived is the log: each message's hash is the SHA-256 of its text, and each entry's prev is the one before's hash.
    for (let seq = firstSeq; seq <= head; seq++) {
      const message = received.get(seq)!
      expect(message.hash).toBe(sha256(message.msg))
      expect(JSON.parse(message.msg).seq).toBe(seq)
      if (seq > firstSeq) expect(JSON.parse(message.msg).prev).toBe(received.get(seq - 1)!.hash)
    }
    const actions = [...received.values()].map((m) => JSON.parse(m.msg).action as string)
    expect(actions).toContain('auditForwarding.resumed')
    expect(actions).toContain('auditForwarding.started')
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).state).toBe('live'))
  })

  it('catches up without loss after the receiver was down for a while, and audits the failure', async () => {
    const core = session.core
    await receiver.stop()
    await makeEntries(core, 3)
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).state).toBe('failing'), {
      timeout: 10_000,
      interval: 100,
    })
    const failing = await core.handlers['auditForwarding.status']({})
    expect(failing.lastError?.hint).not.toBe('')
    expect(failing.backlog).toBeGreaterThan(0)
    await makeEntries(core, 3)
    await receiver.start()

    await vi.waitFor(
      async () => {
        const status = await core.handlers['auditForwarding.status']({})
        expect(status.state).toBe('live')
        expect(status.backlog).toBe(0)
      },
      { timeout: 15_000, interval: 100 },
    )
    const received = await expectAllArrived(firstSeq, await headSeq(core))
    const actions = [...received.values()].map((m) => JSON.parse(m.msg).action as string)
    expect(actions).toContain('auditForwarding.failed')
    expect(actions).toContain('auditForwarding.recovered')
    // One "failed" entry per run of failures (the rate limit), however many retries failed.
    const count = (action: string) => actions.filter((a) => a === action).length
    expect(count('auditForwarding.failed')).toBeLessThanOrEqual(count('auditForwarding.recovered'))
  })
  it('sends entries archived during an outage from the archive, none lost, each carrying its own seq', async () => {
    const core = session.core
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).state).toBe('live'), { timeout: 15_000 })
    const from = (await headSeq(core)) + 1
    await receiver.stop()
    await makeEntries(core, 4)
    await core.handlers['audit.rotate']({})
    await makeEntries(core, 4)
    await core.handlers['audit.rotate']({})
    const archived = await core.handlers['audit.archive']({ keepClosedSegments: 0 })
    expect(archived.archived).toBeGreaterThan(0)
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).state).toBe('failing'), { timeout: 10_000 })
    await receiver.start()
    await vi.waitFor(async () => expect(await core.handlers['auditForwarding.status']({})).toMatchObject({ state: 'live', backlog: 0 }), {
      timeout: 20_000,
      interval: 100,
    })
    const received = await expectAllArrived(from, await headSeq(core))
    for (const m of await receiver.messages()) if (m.seq !== undefined) expect(JSON.parse(m.msg).seq).toBe(m.seq)
    expect([...received.values()].some((m) => JSON.parse(m.msg).action === 'audit.archive')).toBe(true)
    expect((await core.handlers['auditForwarding.status']({})).skipped).toBeUndefined()
  })

  it('sends again what a hung receiver took into its buffers but never read, once the connection drops', async () => {
    const core = session.core
    await vi.waitFor(async () => expect(await core.handlers['auditForwarding.status']({})).toMatchObject({ state: 'live', backlog: 0 }), {
      timeout: 15_000,
      interval: 100,
    })
    const from = (await headSeq(core)) + 1
    receiver.freeze()
    await makeEntries(core, 20)
    const head = await headSeq(core)
    // The connection stays up while the receiver hangs, so these count as delivered (the limit of syslog)...
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).cursorSeq).toBe(head), { timeout: 10_000 })
    expect(bySeq(await receiver.messages()).has(head)).toBe(false)
    // ...until the connection drops: then the cursor goes back and they are sent again.
    await receiver.crash()
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).cursorSeq).toBeLessThan(from), {
      timeout: 10_000,
    })
    await receiver.start()
    await expectAllArrived(from, head)
  })
})
