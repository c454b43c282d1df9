/**
 * The forwarding loop for one destination: reads the entries after what was sent, sends them in
 * batches, and moves the durable cursor only when the receiver acknowledged. Failures drop everything
 * unacknowledged and start again from the cursor after a capped back-off; nothing still on disk (live
 * or archived) is ever skipped. It runs beside the app (timers and file reads), never in the append path.
 */
import type { AuditDetail } from '../audit'
import type { AuditForwardingStatus, ForwardingKind, ForwardingSkipped, ForwardingState } from '../../../shared/contract/auditForwarding'
import type { AuditOutcome } from '../../../shared/contract/audit'
import { toAppError } from '../../../shared/errors'
import { CursorWriter, readCursor } from './cursorFile'
import type { EntryReader } from './entryReader'
import type { ForwardSender } from './forwardEntry'

export interface ForwarderOptions {
  kind: ForwardingKind
  /** Names the receiver; a stored cursor for another destination is not used. */
  destination: string
  reader: EntryReader
  sender: ForwardSender
  cursorPath: string
  /** The newest seq now; a destination with no cursor yet starts after `startAfter` (default: this). */
  headSeq: () => Promise<number>
  startAfter?: number
  paused?: boolean
  /** Audits forwarding's own lifecycle (those entries are forwarded too). */
  record?: (action: string, outcome: AuditOutcome, detail: AuditDetail) => void
  onChange?: (status: AuditForwardingStatus) => void
  onError?: (error: unknown) => void
  backoff?: { baseMs: number; capMs: number }
  /** While failing, at most one "failed" entry per this long (plus one when a failure starts). */
  failedEntryEveryMs?: number
  now?: () => Date
}

/** Entries appended but not yet on disk (the log writes in batches): look again after this long. */
const UNWRITTEN_RECHECK_MS = 200
const APPEND_DEBOUNCE_MS = 50
const CHANGE_THROTTLE_MS = 250
const CLOSE_GRACE_MS = 2000

export class Forwarder {
  private cursor = 0
  private sentUpTo = 0
  private head = 0
  private state: ForwardingState = 'catching_up'
  private generation = 0
  private running: Promise<void> | undefined
  private again = false
  private timer: NodeJS.Timeout | undefined
  private changeTimer: NodeJS.Timeout | undefined
  private failures = 0
  private lastFailedEntryAt = Number.NEGATIVE_INFINITY
  private lastError: AuditForwardingStatus['lastError']
  private nextAttemptAt: string | undefined
  private skipped: AuditForwardingStatus['skipped']
  private lastAckAt: string | undefined
  private sentThisRun = 0
  private closed = false
  private readonly writer: CursorWriter
  private readonly now: () => Date

  constructor(private readonly opts: ForwarderOptions) {
    this.writer = new CursorWriter(opts.cursorPath)
    this.now = opts.now ?? (() => new Date())
  }

  async start(): Promise<void> {
    this.head = await this.opts.headSeq()
    const stored = await readCursor(this.opts.cursorPath)
    if (stored && stored.destination === this.opts.destination) {
      this.cursor = stored.seq
    } else {
      this.cursor = this.opts.startAfter ?? this.head
      await this.writer.save({ v: 1, destination: this.opts.destination, seq: this.cursor, at: this.now().toISOString() })
    }
    this.sentUpTo = this.cursor
    this.opts.sender.onAck((seq) => this.acked(seq))
    this.opts.sender.onRewind?.((seq, error) => this.rewound(seq, error))
    if (this.opts.paused) {
      this.state = 'paused'
    } else {
      this.opts.record?.('auditForwarding.started', 'ok', { kind: this.opts.kind, afterSeq: this.cursor, backlog: this.backlog() })
      this.kick(0)
    }
    this.changed(true)
  }

  /** An entry was appended to the log (in-process announcement): send it soon. */
  noteAppended(seq: number): void {
    if (seq > this.head) this.head = seq
    if (this.state === 'live' || this.state === 'catching_up') this.kick(APPEND_DEBOUNCE_MS)
    this.changed(false)
  }

  status(): AuditForwardingStatus {
    const status: AuditForwardingStatus = {
      state: this.state,
      kind: this.opts.kind,
      cursorSeq: this.cursor,
      headSeq: this.head,
      backlog: this.backlog(),
      sentThisRun: this.sentThisRun,
    }
    if (this.lastAckAt) status.lastAckAt = this.lastAckAt
    if (this.lastError) status.lastError = this.lastError
    if (this.nextAttemptAt) status.nextAttemptAt = this.nextAttemptAt
    if (this.skipped) status.skipped = this.skipped
    return status
  }

  pause(): void {
    if (this.state === 'paused' || this.closed) return
    this.stopSending()
    this.state = 'paused'
    this.nextAttemptAt = undefined
    this.opts.record?.('auditForwarding.paused', 'ok', { kind: this.opts.kind, cursorSeq: this.cursor, backlog: this.backlog() })
    this.changed(true)
  }

  resume(): void {
    if (this.state !== 'paused' || this.closed) return
    this.state = 'catching_up'
    this.failures = 0
    this.sentUpTo = this.cursor
    this.opts.record?.('auditForwarding.resumed', 'ok', { kind: this.opts.kind, afterSeq: this.cursor, backlog: this.backlog() })
    this.kick(0)
    this.changed(true)
  }

  /** Lets a batch in flight finish (briefly), so its acknowledgement is kept and it is not sent twice. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    clearTimeout(this.changeTimer)
    const running = this.running?.catch(() => undefined)
    if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())])
    this.stopSending()
    await this.opts.sender.close()
    await running
    await this.writer.settled()
  }

  /** Resolves once the cursor reached `seq` (or rejects after `timeoutMs`): for tests and the benchmark. */
  async waitForCursor(seq: number, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs
    while (this.cursor < seq) {
      if (Date.now() > until) throw new Error(`cursor at ${this.cursor}, waited for ${seq}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await this.writer.settled()
  }

  private backlog(): number {
    return Math.max(0, this.head - this.cursor)
  }

  /** Drops the connection and whatever was sent but not acknowledged; a running loop stops at its next step. */
  private stopSending(): void {
    this.generation++
    clearTimeout(this.timer)
    this.timer = undefined
    this.opts.sender.reset()
    this.sentUpTo = this.cursor
  }

  private kick(delayMs: number): void {
    if (this.timer || this.closed || this.state === 'paused') return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.pump()
    }, delayMs)
  }

  private pump(): void {
    if (this.closed || this.state === 'paused') return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.loop().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.kick(0)
      }
    })
  }

  private async loop(): Promise<void> {
    const generation = this.generation
    const current = () => generation === this.generation && !this.closed
    try {
      while (current()) {
        const batch = await this.opts.reader.readAfter(this.sentUpTo)
        if (!current()) return
        if (batch.skipped) this.noteSkipped(batch.skipped)
        if (batch.entries.length === 0) {
          if (this.sentUpTo < this.head) this.kick(UNWRITTEN_RECHECK_MS)
          else if (this.state === 'catching_up') this.caughtUp()
          return
        }
        await this.opts.sender.send(batch.entries)
        if (!current()) return
        this.sentUpTo = batch.entries[batch.entries.length - 1].seq
        this.sentThisRun += batch.entries.length
        if (this.state === 'failing') this.recovered()
        this.changed(false)
      }
    } catch (error) {
      if (current()) this.failed(error)
    }
  }

  private acked(seq: number): void {
    if (seq <= this.cursor) return
    this.cursor = seq
    this.lastAckAt = this.now().toISOString()
    this.writer.save({ v: 1, destination: this.opts.destination, seq, at: this.lastAckAt }).catch((error) => this.opts.onError?.(error))
    this.changed(false)
  }

  /** Entries acknowledged before may not have arrived (a syslog connection dropped): send them again. */
  private rewound(seq: number, error: Error): void {
    if (this.closed) return
    if (seq < this.cursor) {
      this.cursor = seq
      this.writer.save({ v: 1, destination: this.opts.destination, seq, at: this.now().toISOString() }).catch((e) => this.opts.onError?.(e))
    }
    if (this.state === 'paused') this.sentUpTo = this.cursor
    // A failure like any other: back-off, audited, and sent again from the (rewound) cursor.
    else this.failed(error)
  }

  private caughtUp(): void {
    this.state = 'live'
    this.opts.record?.('auditForwarding.caughtUp', 'ok', { kind: this.opts.kind, sentSeq: this.sentUpTo, sentThisRun: this.sentThisRun })
    this.changed(true)
  }

  private recovered(): void {
    this.opts.record?.('auditForwarding.recovered', 'ok', { kind: this.opts.kind, failures: this.failures })
    this.failures = 0
    this.nextAttemptAt = undefined
    this.state = 'catching_up'
    this.changed(true)
  }

  private failed(error: unknown): void {
    const failure = toAppError(error)
    const wasFailing = this.state === 'failing'
    this.stopSending()
    this.failures++
    this.state = 'failing'
    const at = this.now()
    this.lastError = { message: failure.message, hint: failure.hint, at: at.toISOString() }
    const backoff = this.opts.backoff ?? { baseMs: 500, capMs: 60_000 }
    const delay = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(this.failures - 1, 16))
    this.nextAttemptAt = new Date(at.getTime() + delay).toISOString()
    // One entry when a failure starts, then at most one per interval: the entries are forwarded too, and
    // a dead receiver must not fill the log.
    const every = this.opts.failedEntryEveryMs ?? 60 * 60 * 1000
    if (!wasFailing || at.getTime() - this.lastFailedEntryAt >= every) {
      this.lastFailedEntryAt = at.getTime()
      this.opts.record?.('auditForwarding.failed', 'error', {
        kind: this.opts.kind,
        reason: failure.message.slice(0, 300),
        failures: this.failures,
        cursorSeq: this.cursor,
      })
    }
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.nextAttemptAt = undefined
      this.pump()
    }, delay)
    this.changed(true)
  }

  private noteSkipped(skipped: ForwardingSkipped): void {
    if (skipped.toSeq > this.sentUpTo) this.sentUpTo = skipped.toSeq
    if (this.skipped && this.skipped.toSeq >= skipped.toSeq) return
    this.skipped = skipped
    this.opts.record?.('auditForwarding.skipped', 'error', {
      kind: this.opts.kind,
      fromSeq: skipped.fromSeq,
      toSeq: skipped.toSeq,
      reason: skipped.reason.slice(0, 300),
      hint: skipped.hint.slice(0, 300),
    })
    this.changed(true)
  }

  private changed(now: boolean): void {
    if (!this.opts.onChange || this.closed) return
    if (now) {
      clearTimeout(this.changeTimer)
      this.changeTimer = undefined
      this.opts.onChange(this.status())
      return
    }
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = undefined
      if (!this.closed) this.opts.onChange?.(this.status())
    }, CHANGE_THROTTLE_MS)
  }
}
