/**
 * The syslog sender against a real TLS receiver on loopback: batches count as delivered once written and
 * settled, and when the receiver drops the connection the sender names the seq to send again from,
 * before every batch among the last `inDoubtBytes` written on it; closing it ourselves rewinds nothing.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server, type TLSSocket } from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ForwardEntry } from '../../src/main/core/auditForwarding/forwardEntry'
import { frameBatch } from '../../src/main/core/auditForwarding/syslogMessage'
import { SyslogSender, type SyslogTarget } from '../../src/main/core/auditForwarding/syslogSender'
import { makeCertificates } from './helpers/rsyslogReceiver'

let dir = ''
let server: Server
let target: SyslogTarget
const connections: TLSSocket[] = []
let receivedBytes = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-syslog-rewind-'))
  const certs = await makeCertificates(dir)
  server = createServer({ cert: await readFile(certs.cert), key: await readFile(certs.key) }, (socket) => {
    connections.push(socket)
    socket.on('data', (chunk: Buffer) => (receivedBytes += chunk.length))
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  target = { host: '127.0.0.1', port, ca: await readFile(certs.ca, 'utf8'), clientCert: '', clientKey: '' }
}, 20_000)

afterAll(async () => {
  for (const socket of connections) socket.destroy()
  await new Promise((resolve) => server?.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

function entries(from: number, count: number): ForwardEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i
    const line = JSON.stringify({
      seq,
      time: '2026-12-01T10:00:00.000Z',
      action: 'test.entry',
      outcome: 'ok',
      detail: { pad: 'x'.repeat(200) },
    })
    return {
      seq,
      line,
      time: '2026-12-01T10:00:00.000Z',
      action: 'test.entry',
      outcome: 'ok',
      hash: createHash('sha256').update(line).digest('hex'),
    }
  })
}

describe('syslog sender: what a dropped connection puts in doubt', () => {
  it('rewinds to before the batches among the last inDoubtBytes written when the receiver drops the connection', async () => {
    const [a, b, c] = [entries(1, 10), entries(11, 10), entries(21, 10)]
    // The window holds all of the last batch and one byte of the one before.
    const sender = new SyslogSender(target, 20, frameBatch(c).length + 1)
    const acks: number[] = []
    const rewinds: { seq: number; error: Error }[] = []
    sender.onAck((seq) => acks.push(seq))
    sender.onRewind((seq, error) => rewinds.push({ seq, error }))
    for (const batch of [a, b, c]) await sender.send(batch)
    await vi.waitFor(() => expect(acks.at(-1)).toBe(30))
    const total = [a, b, c].reduce((sum, batch) => sum + frameBatch(batch).length, 0)
    await vi.waitFor(() => expect(receivedBytes).toBeGreaterThanOrEqual(total))
    expect(rewinds).toEqual([])

    connections.at(-1)!.destroy()
    await vi.waitFor(() => expect(rewinds).toHaveLength(1))
    expect(rewinds[0].seq).toBe(10)
    expect(rewinds[0].error.message).toMatch(/127\.0\.0\.1/)
    // The next send opens a new connection; it starts with nothing in doubt.
    await sender.send(entries(11, 5))
    await vi.waitFor(() => expect(acks.at(-1)).toBe(15))
    await sender.close()
  })

  it('rewinds nothing when the connection is closed from our side', async () => {
    const sender = new SyslogSender(target, 20)
    const rewinds: number[] = []
    sender.onRewind((seq) => rewinds.push(seq))
    await sender.send(entries(1, 5))
    sender.reset()
    await sender.send(entries(1, 5))
    await sender.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(rewinds).toEqual([])
  })
})
