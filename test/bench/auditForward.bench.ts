/**
 * Audit forwarding benchmark (issue 17):
 *   audit-forward-100k  100,000 audit entries forwarded from the log files to a local syslog receiver over
 *                       TLS (RFC 5425 frames), from a fresh cursor, until the receiver holds every seq;
 *                       in entries per second, zero lost. Anchor: a plain loop writing the same 100,000
 *                       frames, formatted beforehand, to the same receiver over one TLS connection.
 * The receiver is a Node TLS server that reads the octet-counted frames and marks each seq it finds in
 * the structured data. The log is generated once under .bench/audit-forward-100k and reused.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:tls'
import { join } from 'node:path'
import { openAuditLog } from '../../src/main/core/audit'
import { EntryReader } from '../../src/main/core/auditForwarding/entryReader'
import { Forwarder } from '../../src/main/core/auditForwarding/forwarder'
import { frameBatch } from '../../src/main/core/auditForwarding/syslogMessage'
import { openTls, SyslogSender, type SyslogTarget } from '../../src/main/core/auditForwarding/syslogSender'
import { median, round, sh, type Benchmark } from './harness'

const BENCH_DIR = join(process.cwd(), '.bench')
const LOG_DIR = join(BENCH_DIR, 'audit-forward-100k')
const MARKER = join(BENCH_DIR, 'audit-forward-100k.json')
const CERT_DIR = join(BENCH_DIR, 'audit-forward-certs')
const ENTRIES = 100_000
const GENERATOR_VERSION = 1
const RUNS = 3
const GOAL = 20_000

async function benchLog(): Promise<string> {
  const marker = await readFile(MARKER, 'utf8').then(
    (t) => JSON.parse(t) as { entries: number; version: number },
    () => undefined,
  )
  if (marker?.entries === ENTRIES && marker.version === GENERATOR_VERSION) return LOG_DIR
  await rm(LOG_DIR, { recursive: true, force: true })
  await mkdir(LOG_DIR, { recursive: true })
  let t = Date.UTC(2025, 0, 1)
  const log = await openAuditLog({ dir: LOG_DIR, now: () => new Date((t += 1000)), flushIntervalMs: 60_000 })
  for (let i = 0; i < ENTRIES; i++) {
    log.append({
      profile: i % 3 ? 'Production EU' : 'Sandbox',
      org: 'Acme Contact Centre',
      action: i % 2 ? 'api.call' : 'uploads.upload',
      target: i % 2 ? `GET /api/v2/recording/recordings/${(i * 7919) % 100000}` : `recording-${i}.wav`,
      outcome: i % 10 === 7 ? 'error' : 'ok',
      latencyMs: (i * 37) % 2000,
      correlationId: `c0ffee00-${String(i).padStart(8, '0')}-4000-8000-000000000000`,
      detail: { status: i % 10 === 7 ? 429 : 200, attempt: 1 },
    })
  }
  await log.close()
  const head = (await new EntryReader(LOG_DIR, { maxEntries: ENTRIES * 2, maxBytes: 1e12 }).readAfter(0)).entries.length
  await writeFile(MARKER, JSON.stringify({ entries: head, version: GENERATOR_VERSION }))
  return LOG_DIR
}

/** A TLS server that counts the distinct seqs in the frames it receives. */
async function countingReceiver(): Promise<{ server: Server; port: number; ca: string; reset(size: number): void; distinct(): number }> {
  await mkdir(CERT_DIR, { recursive: true })
  const p = (name: string) => join(CERT_DIR, name)
  await sh(
    `cd '${CERT_DIR}' && [ -f server.pem ] || (openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.pem -days 30 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null)`,
  )
  const cert = await readFile(p('server.pem'), 'utf8')
  let seen = new Uint8Array(1)
  let distinct = 0
  const SEQ = Buffer.from('seq="')
  const server = createServer({ cert, key: await readFile(p('server.key'), 'utf8') }, (socket) => {
    let carry = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk
      let pos = 0
      for (;;) {
        const space = buf.indexOf(32, pos)
        if (space < 0) break
        let length = 0
        for (let i = pos; i < space; i++) length = length * 10 + (buf[i] - 48)
        if (space + 1 + length > buf.length) break
        const at = buf.indexOf(SEQ, space + 1)
        if (at >= 0 && at < space + 1 + length) {
          let seq = 0
          for (let i = at + SEQ.length; buf[i] >= 48 && buf[i] <= 57; i++) seq = seq * 10 + (buf[i] - 48)
          if (seq < seen.length && seen[seq] === 0) {
            seen[seq] = 1
            distinct++
          }
        }
        pos = space + 1 + length
      }
      carry = Buffer.from(buf.subarray(pos))
      buf = carry
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    server,
    port: typeof address === 'object' && address ? address.port : 0,
    ca: cert,
    reset: (size) => {
      seen = new Uint8Array(size + 1)
      distinct = 0
    },
    distinct: () => distinct,
  }
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`audit-forward-100k: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

const forward100k: Benchmark = {
  name: 'audit-forward-100k',
  about: '100,000 audit entries forwarded over syslog/TLS to a local receiver vs a loop writing the same frames',
  async run() {
    const dir = await benchLog()
    const receiver = await countingReceiver()
    const target: SyslogTarget = { host: '127.0.0.1', port: receiver.port, ca: receiver.ca, clientCert: '', clientKey: '' }
    try {
      const ours: number[] = []
      let lost = 0
      for (let run = 0; run < RUNS; run++) {
        receiver.reset(ENTRIES)
        const cursorPath = join(BENCH_DIR, 'audit-forward.cursor.json')
        await rm(cursorPath, { force: true })
        const forwarder = new Forwarder({
          kind: 'syslog',
          destination: 'bench',
          reader: new EntryReader(dir),
          sender: new SyslogSender(target),
          cursorPath,
          headSeq: async () => ENTRIES,
          startAfter: 0,
        })
        const started = process.hrtime.bigint()
        await forwarder.start()
        await until(() => receiver.distinct() >= ENTRIES, 120_000, `only ${receiver.distinct()} of ${ENTRIES} arrived`)
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        await forwarder.waitForCursor(ENTRIES, 10_000)
        await forwarder.close()
        lost = Math.max(lost, ENTRIES - receiver.distinct())
        ours.push(ENTRIES / seconds)
      }

      // The anchor: the same frames, formatted beforehand, written in a plain loop over one connection.
      const entries = (await new EntryReader(dir, { maxEntries: ENTRIES * 2, maxBytes: 1e12 }).readAfter(0)).entries
      const chunks: Buffer[] = []
      for (let i = 0; i < entries.length; i += 2000) chunks.push(frameBatch(entries.slice(i, i + 2000)))
      const anchors: number[] = []
      for (let run = 0; run < RUNS; run++) {
        receiver.reset(ENTRIES)
        const started = process.hrtime.bigint()
        const socket = await openTls(target)
        for (const chunk of chunks) await new Promise<void>((resolve, reject) => socket.write(chunk, (e) => (e ? reject(e) : resolve())))
        await until(() => receiver.distinct() >= ENTRIES, 120_000, `anchor: only ${receiver.distinct()} arrived`)
        anchors.push(ENTRIES / (Number(process.hrtime.bigint() - started) / 1e9))
        socket.destroy()
      }
      const oursRate = median(ours)
      const anchorRate = median(anchors)
      return {
        ours: Math.round(oursRate),
        anchor: Math.round(anchorRate),
        unit: 'entries/s',
        anchor_cmd: 'plain loop writing the same pre-formatted frames over one TLS connection',
        ratio: round(oursRate / anchorRate, 2),
        goal: `ours >= ${GOAL} entries/s, 0 lost`,
        extra: { entries: ENTRIES, lost, goal_met: oursRate >= GOAL && lost === 0 },
      }
    } finally {
      receiver.server.close()
    }
  },
}

export const auditForwardBenchmarks: Benchmark[] = [forward100k]
