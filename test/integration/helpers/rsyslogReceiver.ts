/**
 * A real syslog receiver for the forwarding tests: Debian's rsyslogd (imtcp with the gtls stream
 * driver: syslog over TLS, RFC 5425 octet-counted frames) on a loopback port, with a CA and server
 * certificate made here by openssl, writing each message's structured data and text to a file.
 * CI installs rsyslog and rsyslog-gnutls (.ci/run); without them the tests fail and say so.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => existsSync(p))

export interface ReceivedMessage {
  seq?: number
  hash?: string
  test: boolean
  /** The message text: the audit line. */
  msg: string
}

export interface SyslogReceiver {
  port: number
  /** The CA that signed the receiver's certificate (for localhost and 127.0.0.1). */
  caPem: string
  start(): Promise<void>
  stop(): Promise<void>
  /** Stops the receiver in its tracks (SIGSTOP): the kernel still takes data for it, nothing reads it. */
  freeze(): void
  /** Kills it (SIGKILL, also when frozen): unread data is dropped and the connection reset. */
  crash(): Promise<void>
  messages(): Promise<ReceivedMessage[]>
  close(): Promise<void>
}

export async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  const p = (name: string) => join(dir, name)
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Switchboard test CA',
  ])
  await run('openssl', ['req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=localhost'])
  await writeFile(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
  ])
  return { ca: p('ca.pem'), cert: p('server.pem'), key: p('server.key') }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const SD_PARAM = (name: string) => new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"`)

export function parseReceived(line: string): ReceivedMessage {
  const sdEnd = line.indexOf('] ')
  const sd = sdEnd >= 0 ? line.slice(0, sdEnd + 1) : ''
  const msg = sdEnd >= 0 ? line.slice(sdEnd + 2) : line
  const seq = SD_PARAM('seq').exec(sd)?.[1]
  const hash = SD_PARAM('hash').exec(sd)?.[1]
  return { ...(seq ? { seq: Number(seq) } : {}), ...(hash ? { hash } : {}), test: sd.includes('test="true"'), msg }
}

export async function startRsyslog(): Promise<SyslogReceiver> {
  if (!RSYSLOGD)
    throw new Error(
      'rsyslogd is not installed: these tests need a real syslog receiver. Install it: apt-get install -y rsyslog rsyslog-gnutls',
    )
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-rsyslog-'))
  const certs = await makeCertificates(dir)
  const port = await freePort()
  const out = join(dir, 'received.log')
  const conf = join(dir, 'rsyslog.conf')
  await writeFile(
    conf,
    [
      `global(workDirectory="${dir}" maxMessageSize="64k" DefaultNetstreamDriver="gtls"`,
      `  DefaultNetstreamDriverCAFile="${certs.ca}" DefaultNetstreamDriverCertFile="${certs.cert}" DefaultNetstreamDriverKeyFile="${certs.key}")`,
      'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")',
      `input(type="imtcp" port="${port}" address="127.0.0.1")`,
      'template(name="sdAndMsg" type="string" string="%structured-data% %msg%\\n")',
      `*.* action(type="omfile" file="${out}" template="sdAndMsg")`,
      '',
    ].join('\n'),
  )
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()

  const receiver: SyslogReceiver = {
    port,
    caPem: await readFile(certs.ca, 'utf8'),
    async start() {
      let stderr = ''
      const proc = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] })
      proc.stdout?.on('data', (c: Buffer) => (stderr += c.toString()))
      proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
      let gone = false
      exited = new Promise((resolve) => proc.once('exit', () => ((gone = true), resolve())))
      child = proc
      const until = Date.now() + 10_000
      while (!(await portOpen(port))) {
        if (gone) throw new Error(`rsyslogd stopped at start-up (is rsyslog-gnutls installed?): ${stderr.slice(0, 1000)}`)
        if (Date.now() > until) throw new Error(`rsyslogd did not listen on 127.0.0.1:${port} within 10 s: ${stderr.slice(0, 1000)}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async stop() {
      child?.kill('SIGTERM')
      await exited
      child = undefined
    },
    freeze() {
      child?.kill('SIGSTOP')
    },
    async crash() {
      child?.kill('SIGKILL')
      await exited
      child = undefined
    },
    async messages() {
      const text = await readFile(out, 'utf8').catch(() => '')
      return text
        .split('\n')
        .filter((l) => l.length > 0)
        .map(parseReceived)
    },
    async close() {
      await receiver.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  await receiver.start()
  return receiver
}
