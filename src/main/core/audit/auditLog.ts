/**
 * The audit log: every API call and workflow step appends one hash-chained JSON line here.
 * append() is synchronous (seq and prev are assigned in call order, so concurrent callers keep the
 * chain); lines are written in batches and fsynced at least every flushIntervalMs and on flush().
 */
import { mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { z } from 'zod'
import type { AuditEntry, AuditOutcome, AuditVerifyResult } from '../../../shared/api'
import { AppError, toAppError } from '../../../shared/errors'
import { guardAuditFields, type GuardMode } from './auditGuard'
import { ACTIVE_FILE, HEAD_FILE, listSegments, tornFileName } from './auditFiles'
import { AuditOutcomeSchema, GENESIS_HASH, hashLine, parseAuditLine, serializeAuditEntry } from './auditLine'
import { ChainVerifier, type ChainPoint } from './chainVerifier'
import type { FirstBad } from './chainBreak'
import { DurableAppender } from './durableAppender'
import { HeadAnchorWriter, readHeadAnchor } from './headAnchor'
import { readLastLine, countLines } from './lastLine'
import { scanLines, scanLinesBackward } from './lineScanner'
import { setAsideTornTail, type TornTail } from './tornTail'

export interface AuditInput {
  profile: string
  org: string
  action: string
  target: string
  outcome: AuditOutcome
  latencyMs?: number
  correlationId?: string
  detail?: Record<string, string | number | boolean | null>
}

export interface OpenAuditLogOptions {
  dir: string
  now?: () => Date
  /** fsync at most this long after an append; default 1000. */
  flushIntervalMs?: number
  /** 'throw' refuses secrets (default outside production); 'redact' replaces them and writes the entry. */
  guard?: GuardMode
  /** Failures of background (timer) flushes; default logs to stderr. */
  onError?: (error: AppError) => void
}

export interface AuditStartupReport {
  tornTail?: TornTail
  /** A mismatch between the log and its head anchor found at start (cut short, last line changed). */
  integrity?: FirstBad
  /** The head anchor file was missing or unreadable while the log had entries. */
  anchorProblem?: string
}

export interface AuditLog {
  path: string
  dir: string
  append(input: AuditInput): AuditEntry
  flush(): Promise<void>
  verify(): Promise<AuditVerifyResult>
  tail(limit: number): Promise<AuditEntry[]>
  onAppend(listener: (e: AuditEntry) => void): () => void
  startupReport: AuditStartupReport
  close(): Promise<void>
}

/** Entries the log writes about itself. */
export const SYSTEM_PROFILE = 'switchboard'

const DetailValue = z.union([z.string(), z.number().finite(), z.boolean(), z.null()])
const AuditInputSchema = z
  .object({
    profile: z.string().max(200),
    org: z.string().max(200),
    action: z.string().min(1).max(200),
    target: z.string().max(2000),
    outcome: AuditOutcomeSchema,
    latencyMs: z.number().finite().nonnegative().optional(),
    correlationId: z.string().max(200).optional(),
    detail: z.record(z.string().min(1).max(100), DetailValue).optional(),
  })
  .strict()

/** Above this much unwritten text, append starts a write at once instead of waiting for the timer. */
const MAX_PENDING_CHARS = 4 * 1024 * 1024

export async function openAuditLog(opts: OpenAuditLogOptions): Promise<AuditLog> {
  const now = opts.now ?? (() => new Date())
  await mkdir(opts.dir, { recursive: true })
  const activePath = join(opts.dir, ACTIVE_FILE)
  const tornTail = await setAsideTornTail(activePath, join(opts.dir, tornFileName('audit', now(), 'jsonl')), (line) => parseAuditLine(line) !== undefined)
  const segments = await listSegments(opts.dir)
  const start: ChainPoint = { seq: 0, hash: GENESIS_HASH }
  const last = (await readLastLine(segments)) ?? { ...start, file: ACTIVE_FILE, path: activePath }
  const report: AuditStartupReport = {}
  if (tornTail) report.tornTail = tornTail
  const checkpoints: ChainPoint[] = []

  const anchorRead = await readHeadAnchor(join(opts.dir, HEAD_FILE))
  if (anchorRead.state === 'ok') {
    const anchor = anchorRead.anchor
    if (anchor.seq > last.seq) {
      const lines = await countLines(last.path)
      report.integrity = {
        file: last.file,
        line: lines + 1,
        seq: last.seq + 1,
        reason: `Entries are missing after line ${lines} of ${last.file} (seq ${last.seq}): the log was cut short. Entries up to seq ${anchor.seq} had been written (found at start-up).`,
      }
    } else if (anchor.seq === last.seq && anchor.hash !== last.hash) {
      const lines = await countLines(last.path)
      report.integrity = {
        file: last.file,
        line: lines,
        seq: last.seq,
        reason: `line ${lines} of ${last.file} (seq ${last.seq}) was changed: it no longer matches the head hash recorded when it was written (found at start-up).`,
      }
    } else if (anchor.seq > 0) {
      checkpoints.push(anchor)
    }
  } else if (last.seq > 0) {
    report.anchorProblem = `The head anchor (${HEAD_FILE}) was ${anchorRead.state}: whether entries were cut from the end of the log before this start cannot be checked.`
  }

  const appender = await DurableAppender.open(activePath)
  const anchorWriter = await HeadAnchorWriter.open(join(opts.dir, HEAD_FILE))
  const log = new FileAuditLog(opts, now, appender, anchorWriter, { seq: last.seq, hash: last.hash }, start, checkpoints, report)
  log.recordStartupFindings()
  await log.flush()
  return log
}

class FileAuditLog implements AuditLog {
  readonly dir: string
  private nextSeq: number
  private lastHash: string
  private listeners = new Set<(e: AuditEntry) => void>()
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private readonly guardMode: GuardMode
  private readonly flushIntervalMs: number
  private readonly onError: (error: AppError) => void

  constructor(
    opts: OpenAuditLogOptions,
    private readonly now: () => Date,
    private readonly appender: DurableAppender,
    private readonly anchorWriter: HeadAnchorWriter,
    head: ChainPoint,
    private readonly chainStart: ChainPoint,
    private readonly checkpoints: ChainPoint[],
    readonly startupReport: AuditStartupReport,
  ) {
    this.dir = opts.dir
    this.nextSeq = head.seq + 1
    this.lastHash = head.hash
    this.guardMode = opts.guard ?? (process.env.NODE_ENV === 'production' ? 'redact' : 'throw')
    this.flushIntervalMs = opts.flushIntervalMs ?? 1000
    this.onError = opts.onError ?? ((e) => console.error(`[audit] ${e.message} ${e.hint}`))
  }

  get path(): string {
    return this.appender.path
  }

  append(input: AuditInput): AuditEntry {
    if (this.closed) {
      throw new AppError({ code: 'internal', message: 'The audit log is closed.', hint: 'This is a bug in Switchboard: an action ran after shutdown.' })
    }
    const parsed = AuditInputSchema.safeParse(input)
    if (!parsed.success) throw toAppError(parsed.error)
    const fields = parsed.data
    const guarded = guardAuditFields({ target: fields.target, correlationId: fields.correlationId, detail: fields.detail }, this.guardMode)
    const entry: AuditEntry = {
      seq: this.nextSeq,
      time: this.now().toISOString(),
      profile: fields.profile,
      org: fields.org,
      action: fields.action,
      target: guarded.target,
      outcome: fields.outcome,
      prev: this.lastHash,
    }
    if (fields.latencyMs !== undefined) entry.latencyMs = fields.latencyMs
    if (guarded.correlationId !== undefined) entry.correlationId = guarded.correlationId
    if (guarded.detail !== undefined) entry.detail = guarded.detail
    const line = serializeAuditEntry(entry)
    this.appender.enqueue(line + '\n')
    this.nextSeq += 1
    this.lastHash = hashLine(line)
    this.scheduleFlush()
    if (this.appender.pendingBytes > MAX_PENDING_CHARS) this.appender.flush(false).catch((e) => this.onError(this.writeError(e)))
    for (const listener of this.listeners) {
      try {
        listener(entry)
      } catch (error) {
        this.onError(toAppError(error))
      }
    }
    return entry
  }

  async flush(): Promise<void> {
    const head = { seq: this.nextSeq - 1, hash: this.lastHash }
    try {
      await this.appender.flush(true)
      await this.appender.exclusive(() => this.anchorWriter.write(head))
    } catch (error) {
      throw this.writeError(error)
    }
  }

  async verify(): Promise<AuditVerifyResult> {
    await this.appender.flush(false)
    const snapshot = await this.appender.exclusive(async () => ({
      end: this.appender.size,
      head: { seq: this.nextSeq - 1, hash: this.lastHash },
      segments: await listSegments(this.dir),
    }))
    const verifier = new ChainVerifier(this.chainStart, [...this.checkpoints, snapshot.head])
    for (const segment of snapshot.segments) {
      if (!verifier.wantsMore) break
      verifier.beginFile(segment.name)
      const isActive = segment.name === ACTIVE_FILE
      const result = await scanLines(segment.path, {}, verifier.line)
      // Bytes past the snapshot without a newline are a batch being written right now.
      if (result.unterminated && (!isActive || result.unterminated.offset < snapshot.end)) verifier.unterminated()
    }
    const verdict = verifier.verdict()
    const firstBad = verdict.firstBad ?? this.startupReport.integrity
    const result: AuditVerifyResult = { ok: firstBad === undefined, entries: verdict.entries, headHash: verdict.headHash }
    if (firstBad) result.firstBad = { line: firstBad.line, seq: firstBad.seq, reason: firstBad.reason }
    if (this.startupReport.tornTail) result.tornTail = this.startupReport.tornTail
    return result
  }

  async tail(limit: number): Promise<AuditEntry[]> {
    await this.appender.flush(false)
    const end = await this.appender.exclusive(async () => this.appender.size)
    const segments = (await listSegments(this.dir)).reverse()
    const entries: AuditEntry[] = []
    for (const segment of segments) {
      if (entries.length >= limit) break
      const range = segment.name === ACTIVE_FILE ? { end } : {}
      await scanLinesBackward(segment.path, range, (buf, start, lineEnd) => {
        const entry = parseAuditLine(buf.toString('utf8', start, lineEnd))
        if (entry) entries.push(entry)
        return entries.length < limit
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
    }
    return entries
  }

  onAppend(listener: (e: AuditEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.flush()
    this.closed = true
    this.listeners.clear()
    await this.appender.close()
    await this.anchorWriter.close()
  }

  /** Writes what start-up found into the log itself, so it outlives this session. */
  recordStartupFindings(): void {
    const { tornTail, integrity, anchorProblem } = this.startupReport
    const base = { profile: SYSTEM_PROFILE, org: '-', target: ACTIVE_FILE }
    if (tornTail) {
      this.append({ ...base, action: 'audit.tornTailSetAside', outcome: 'error', target: basename(tornTail.path), detail: { bytes: tornTail.bytes } })
    }
    if (integrity) {
      this.append({ ...base, action: 'audit.integrityProblem', outcome: 'error', detail: { line: integrity.line, seq: integrity.seq ?? null, reason: integrity.reason } })
    }
    if (anchorProblem) this.append({ ...base, action: 'audit.anchorProblem', outcome: 'error', detail: { reason: anchorProblem } })
  }

  private scheduleFlush(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.flush().catch((error: unknown) => {
        this.onError(toAppError(error))
        if (!this.closed) this.scheduleFlush()
      })
    }, this.flushIntervalMs)
  }

  private writeError(error: unknown): AppError {
    if (error instanceof AppError) return error
    const message = error instanceof Error ? error.message : String(error)
    return new AppError({
      code: 'file',
      message: `Could not write the audit log ${this.appender.path}: ${message}`,
      hint: 'Check that the disk has free space and the data folder is writable. Unwritten entries are kept in memory and written on the next try.',
    })
  }
}
