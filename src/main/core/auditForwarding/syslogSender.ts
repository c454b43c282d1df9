/**
 * Syslog over TLS (RFC 5425). Syslog has no acknowledgement of its own, so a batch counts as received
 * once it was handed to the socket without error AND the connection then stayed up for `settleMs`
 * (a receiver that went away resets the connection within that time, and the batch is sent again from
 * the cursor). That is only "probably received": bytes can sit in our send buffer or in the receiver's
 * unread receive buffer for as long as the receiver does not read (a hung receiver keeps the connection
 * up). So when a connection drops without our asking, the cursor is rewound to before the last
 * `inDoubtBytes` written on it (more than both kernels' buffers hold) and those entries are sent again.
 * Duplicates are possible after a reconnect; the seq in the structured data lets the receiver drop them.
 */
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import { isIP } from 'node:net'
import { AppError } from '../../../shared/errors'
import type { ForwardEntry, ForwardSender } from './forwardEntry'
import { frame, frameBatch, syslogTestMessage } from './syslogMessage'

export interface SyslogTarget {
  host: string
  port: number
  /** PEM; empty: the system's CAs. */
  ca: string
  clientCert: string
  clientKey: string
}

const CONNECT_TIMEOUT_MS = 10_000
const WRITE_TIMEOUT_MS = 30_000
/** Linux's largest automatic send (4 MiB) plus receive (6 MiB) buffer, with room for tuned hosts and the wire. */
export const IN_DOUBT_BYTES = 16 * 1024 * 1024

/** A batch written on the current connection: the seq before it, its last seq, and where it ends in the stream. */
interface Written {
  before: number
  seq: number
  end: number
}

export function tlsOptions(target: SyslogTarget): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    ...(isIP(target.host) ? {} : { servername: target.host }),
    ...(target.ca ? { ca: target.ca } : {}),
    ...(target.clientCert && target.clientKey ? { cert: target.clientCert, key: target.clientKey } : {}),
  }
}

/** Opens a TLS connection and waits for the handshake; the error says what went wrong in words. */
export function openTls(target: SyslogTarget): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(tlsOptions(target))
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS)
    socket.once('secureConnect', () => {
      clearTimeout(timer)
      socket.removeListener('error', fail)
      resolve(socket)
    })
    const fail = (error: Error) => {
      clearTimeout(timer)
      socket.destroy()
      reject(syslogError(target, error))
    }
    socket.once('error', fail)
  })
}

export function syslogError(target: SyslogTarget, error: unknown): AppError {
  if (error instanceof AppError) return error
  const err = error as NodeJS.ErrnoException
  const where = `${target.host}:${target.port}`
  const code = err.code ?? ''
  const hint =
    code === 'ECONNREFUSED'
      ? 'Nothing listens there: check the host and port, and that the syslog receiver is running with a TLS listener.'
      : /CERT|SIGNATURE|ISSUER|VERIFY|ERR_TLS/.test(code) || /certificate/i.test(err.message ?? '')
        ? "The receiver's certificate is not trusted or does not name this host: paste the CA certificate that signed it, and use the host name in the certificate."
        : 'Check that the receiver is reachable from this machine (firewall, VPN) and speaks syslog over TLS.'
  return new AppError({ code: 'network', message: `Syslog receiver ${where}: ${err.message ?? String(error)}`, hint })
}

export class SyslogSender implements ForwardSender {
  private socket: TLSSocket | undefined
  private opening: Promise<TLSSocket> | undefined
  private pending: { seq: number; at: number }[] = []
  private timer: NodeJS.Timeout | undefined
  private listeners: ((seq: number) => void)[] = []
  private rewindListeners: ((seq: number, error: Error) => void)[] = []
  /** Bytes written on the current connection, and the batches among the last `inDoubtBytes` of them. */
  private written = 0
  private recent: Written[] = []
  private closed = false
  /** The connection went down with batches not yet acknowledged: the next send must fail so they go again. */
  private lost: Error | undefined

  constructor(
    private readonly target: SyslogTarget,
    private readonly settleMs = 300,
    private readonly inDoubtBytes = IN_DOUBT_BYTES,
  ) {}

  onAck(listener: (seq: number) => void): void {
    this.listeners.push(listener)
  }

  onRewind(listener: (seq: number, error: Error) => void): void {
    this.rewindListeners.push(listener)
  }

  async send(entries: ForwardEntry[]): Promise<void> {
    if (entries.length === 0) return
    if (this.lost) {
      const lost = this.lost
      this.lost = undefined
      throw syslogError(this.target, lost)
    }
    const socket = await this.connection()
    const data = frameBatch(entries)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => socket.destroy(new Error(`the receiver took no data for ${WRITE_TIMEOUT_MS / 1000} s`)),
        WRITE_TIMEOUT_MS,
      )
      const onClose = () => done(new Error('the receiver closed the connection'))
      const done = (error?: Error | null) => {
        clearTimeout(timer)
        socket.removeListener('close', onClose)
        if (error) reject(syslogError(this.target, error))
        else resolve()
      }
      socket.once('close', onClose)
      socket.write(data, (error) => done(error))
    })
    if (this.socket !== socket) throw syslogError(this.target, new Error('the connection was lost while sending'))
    const seq = entries[entries.length - 1].seq
    this.written += data.length
    this.recent.push({ before: entries[0].seq - 1, seq, end: this.written })
    while (this.recent.length > 0 && this.recent[0].end <= this.written - this.inDoubtBytes) this.recent.shift()
    this.pending.push({ seq, at: Date.now() })
    this.scheduleSettle()
  }

  reset(): void {
    this.lost = undefined
    this.pending = []
    this.written = 0
    this.recent = []
    clearTimeout(this.timer)
    this.timer = undefined
    this.socket?.destroy()
    this.socket = undefined
  }

  async close(): Promise<void> {
    this.closed = true
    this.reset()
  }

  /** Sends one test message on its own connection; answers with what the handshake showed. */
  static async test(target: SyslogTarget, at: Date): Promise<string> {
    const socket = await openTls(target)
    try {
      const peer = socket.getPeerCertificate()
      const data = frame(syslogTestMessage(at))
      await new Promise<void>((resolve, reject) => socket.write(data, (e) => (e ? reject(syslogError(target, e)) : resolve())))
      await new Promise<void>((resolve) => socket.end(resolve))
      const subject = peer?.subject?.CN ?? 'no subject name'
      const issuer = peer?.issuer?.CN ?? 'unknown issuer'
      return `Connected over ${socket.getProtocol() ?? 'TLS'} to ${target.host}:${target.port} (certificate “${subject}”, issued by “${issuer}”) and sent the test message (${data.length} bytes). Syslog does not answer: look for it in the receiver.`
    } finally {
      socket.destroy()
    }
  }

  private async connection(): Promise<TLSSocket> {
    if (this.closed) throw new AppError({ code: 'internal', message: 'Forwarding was stopped.', hint: '' })
    if (this.socket && !this.socket.destroyed && this.socket.writable) return this.socket
    if (this.socket) {
      // Ended by the receiver, 'close' not seen yet: the same as a drop (the next batch goes after the rewind).
      this.dropped(this.socket, undefined)
      throw syslogError(this.target, new Error('the receiver closed the connection'))
    }
    this.reset()
    this.opening ??= openTls(this.target).finally(() => (this.opening = undefined))
    const socket = await this.opening
    // The receiver sends nothing back; whatever it does send is not ours to read.
    socket.on('data', () => {})
    let failure: Error | undefined
    socket.on('error', (error) => (failure = error))
    socket.on('close', () => this.dropped(socket, failure))
    if (this.closed) {
      socket.destroy()
      throw new AppError({ code: 'internal', message: 'Forwarding was stopped.', hint: '' })
    }
    this.socket = socket
    return socket
  }

  /** The connection went away without our asking: whatever is still in doubt on it is sent again. */
  private dropped(socket: TLSSocket, failure: Error | undefined): void {
    // Our own reset() or close() let go of the socket first: nothing is in doubt then.
    if (this.socket !== socket) return
    this.socket = undefined
    socket.destroy()
    if (this.pending.length > 0) this.lost = new Error('the connection was lost before the last entries were confirmed')
    this.pending = []
    const doubt = this.recent[0]
    this.recent = []
    this.written = 0
    if (!doubt) return
    const why = syslogError(this.target, failure ?? new Error('the receiver closed the connection'))
    for (const listener of this.rewindListeners) listener(doubt.before, why)
  }

  private scheduleSettle(): void {
    if (this.timer || this.pending.length === 0) return
    const wait = Math.max(0, this.pending[0].at + this.settleMs - Date.now())
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.settle()
    }, wait)
  }

  private settle(): void {
    if (!this.socket || this.socket.destroyed) return
    const now = Date.now()
    let acked: number | undefined
    while (this.pending.length > 0 && this.pending[0].at + this.settleMs <= now) acked = this.pending.shift()?.seq
    if (acked !== undefined) for (const listener of this.listeners) listener(acked)
    this.scheduleSettle()
  }
}
