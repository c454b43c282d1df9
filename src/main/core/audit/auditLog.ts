/**
 * The audit log: every API call and workflow step appends one hash-chained JSON line here.
 * append() is synchronous (seq and prev are assigned in call order, so concurrent callers keep the
 * chain); lines are written in batches and fsynced at least every flushIntervalMs and on flush().
 * The active file rotates into closed segments by size (the chain runs on across them), closed
 * segments can be archived, and readers (query, export, metrics, verify) work on snapshots.
 *
 * Another process (the command line beside the app) may append to the same log: every write, rotation
 * and archiving runs under a cross-process lock (audit.lock), and first reads what the other wrote
 * since, so queued entries are renumbered to follow the real last line (see docs/design-notes.md).
 */
import { open, rename, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { AuditEntry, AuditHeadKeyView, AuditVerifyResult } from '../../../shared/api'
import type { AuditCount, AuditCountResult, AuditSegmentInfo } from '../../../shared/contract/audit'
import { AppError, toAppError } from '../../../shared/errors'
import { archiveSegment, readArchiveIndex, type ArchivedSegment } from './auditArchive'
import { exportAudit, type AuditExportRequest, type AuditExportResult, type ExportControl } from './auditExport'
import { ACTIVE_FILE, HEAD_FILE, listSegments, segmentFileName, tornFileName } from './auditFiles'
import { guardAuditFields, type GuardMode } from './auditGuard'
import { checkAuditInput, type AuditInput } from './auditInput'
import { hashLine, parseAuditLine, serializeAuditEntry } from './auditLine'
import { computeMetrics, type AuditMetrics, type AuditMetricsRequest } from './auditMetrics'
import { AuditQueryEngine, type AuditPage, type AuditQuery } from './auditQuery'
import { loadOrCreateAuditKey, type AuditKeyLoad, type BundleSigner } from './auditSigning'
import type { AuditSnapshot, SnapshotSegment } from './auditSource'
import { SYSTEM_SCOPE } from './auditScope'
import { inspectLogAtOpen, type AuditStartupReport } from './auditStartup'
import type { ChainPoint } from './chainVerifier'
import { DurableAppender, syncDirectory, type FileChange, type PeerWrites } from '../files/durableAppender'
import { FileLock } from '../files/fileLock'
import { hashOfLineEndingAt, readFirstSeq, readLastLine } from './lastLine'
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenMode } from '../files/privateFiles'
import { RunStateWriter, takeUncleanStops, type UncleanStop } from './auditRunState'
import { checkAnchor, HeadAnchorWriter } from './headAnchor'
import { headVerdict } from './headVerdict'
import { recordHeadSigningStart } from './headSigningStart'
import { createPlainSecretBox } from '../secrets/plainSecretBox'
import type { SecretBox } from '../types'
import { scanLinesBackward } from './lineScanner'
import { ReaderLock } from './readerLock'
import { setAsideTornTail, type TornTail } from './tornTail'
import { unsignedContinuation } from './unsignedTail'
import { archivedSearchSegment } from './search/searchSegment'
import { verifySnapshot } from './verifySnapshot'
import type { ParallelOptions } from './verify/parallelChain'

export type { AuditStartupReport } from './auditStartup'

export type { AuditInput } from './auditInput'

export interface OpenAuditLogOptions {
  dir: string
  now?: () => Date
  /** fsync at most this long after an append; default 1000. */
  flushIntervalMs?: number
  /** Close the active segment once it reaches this size; default 64 MiB. */
  maxSegmentBytes?: number
  /** 'throw' refuses secrets (default outside production); 'redact' replaces them and writes the entry. */
  guard?: GuardMode
  /** Failures of background (timer) flushes; default logs to stderr. */
  onError?: (error: AppError) => void
  /** Seals the audit key (the shell's keychain box); default: the plain box, which protects nothing (tests, benchmarks). */
  secretBox?: SecretBox
  /** When and how verify checks the chain in worker threads; tests force or forbid it. */
  verifyParallel?: ParallelOptions
  /** Longest wait for the lock shared with other processes on this folder; default 10 s. */
  lockWaitMs?: number
  /** Sees the key before anything is written; throwing refuses to open (the command line cannot sign with a keychain-sealed key). */
  acceptKey?: (key: AuditKeyLoad) => void
}

export type { AuditSegmentInfo }

export interface AuditLog {
  /** The active file. */
  path: string
  dir: string
  append(input: AuditInput): AuditEntry
  /**
   * Write-ahead: appends and resolves once this entry and everything before it is fsynced. For intents
   * of state-changing calls, which must be on disk before the request leaves.
   */
  appendDurable(input: AuditInput): Promise<AuditEntry>
  flush(): Promise<void>
  verify(opts?: { includeArchive?: boolean }): Promise<AuditVerifyResult>
  tail(limit: number): Promise<AuditEntry[]>
  query(q: AuditQuery): Promise<AuditPage>
  /** The total a query's first page left pending (see AuditPage.totalPending). */
  count(q: AuditCount): Promise<AuditCountResult>
  /** Pass `control` to report progress and allow cancelling (e.g. from a job handler). */
  exportEntries(req: AuditExportRequest, control?: ExportControl): Promise<AuditExportResult>
  metrics(req?: AuditMetricsRequest): Promise<AuditMetrics>
  segments(): Promise<AuditSegmentInfo[]>
  /** Closes the active segment now (when it has entries). */
  rotate(): Promise<void>
  /** Changes the size at which the active file rotates (takes effect at the next flush). */
  setMaxSegmentBytes(bytes: number): void
  /** Moves all but the newest `keepClosedSegments` closed segments into archive/. */
  archive(opts: { keepClosedSegments: number }): Promise<ArchivedSegment[]>
  /** SHA-256 of the audit key's public half (signs the head and bundles), for reviewers to compare with a bundle's. */
  signingKeyFingerprint(): Promise<string>
  /** The audit key's fingerprint and what protects it. */
  signingKey(): AuditHeadKeyView
  onAppend(listener: (e: AuditEntry) => void): () => void
  /** A line another process left unfinished (it was killed mid-write) was set aside while this one ran. */
  onTornTail(listener: (torn: TornTail) => void): () => void
  startupReport: AuditStartupReport
  close(): Promise<void>
}

export const DEFAULT_MAX_SEGMENT_BYTES = 64 * 1024 * 1024

/** Above this much unwritten text, append starts a write at once instead of waiting for the timer. */
const MAX_PENDING_CHARS = 4 * 1024 * 1024
/** The lock every process appending to this folder's log takes for each batch (a directory). */
export const AUDIT_LOCK = 'audit.lock'

/** An appended entry not yet written; renumbered when another process wrote first. */
interface Queued {
  entry: AuditEntry
  line: string
}

export async function openAuditLog(opts: OpenAuditLogOptions): Promise<AuditLog> {
  const now = opts.now ?? (() => new Date())
  await ensurePrivateDir(opts.dir)
  const fileLock = new FileLock({ path: join(opts.dir, AUDIT_LOCK), what: 'the audit log', waitMs: opts.lockWaitMs })
  const ref: { log?: FileAuditLog } = {}
  // Reads the log's end and its key with no other process half-way through writing them.
  const { log, state, uncleanStops } = await fileLock.run(async () => {
    const key = await loadOrCreateAuditKey(opts.dir, opts.secretBox ?? createPlainSecretBox())
    opts.acceptKey?.(key)
    const state = await inspectLogAtOpen(opts.dir, now(), key)
    // Runs of other processes still going are not stops; each stopped run is reported by one start only.
    const uncleanStops = await takeUncleanStops(opts.dir)
    if (uncleanStops.length > 0) state.report.uncleanStop = lossWindow(uncleanStops)
    const appender = await DurableAppender.open(join(opts.dir, ACTIVE_FILE), {
      onFileChanged: (change) => ref.log?.recordFileChange(change),
      onPeerWrites: async (writes) => ref.log?.followPeers(writes),
      isPeerReplacement: (previous) => isClosedSegment(opts.dir, previous),
      setAsideTornTail: async () => ref.log?.setAsidePeerTornTail(),
    })
    await createPrivateFile(join(opts.dir, HEAD_FILE))
    const anchorWriter = await HeadAnchorWriter.open(join(opts.dir, HEAD_FILE), key.signer)
    const runState = await RunStateWriter.start(opts.dir)
    const log = new FileAuditLog(opts, now, appender, anchorWriter, runState, state, key, fileLock)
    ref.log = log
    return { log, state, uncleanStops }
  })
  const key = log.keyLoad
  log.recordStartupFindings(uncleanStops)
  await log.flushAndSignHead()
  await recordHeadSigningStart(log, state, key)
  return log
}

/** The window covering every stopped run's: from the earliest possible loss to the last sign of life. */
function lossWindow(stops: UncleanStop[]): { lostFrom: string; lostUntil: string } {
  const from = stops.map((s) => s.lostFrom).sort()
  const until = stops.map((s) => s.lostUntil).sort()
  return { lostFrom: from[0], lostUntil: until[until.length - 1] }
}

function joinProblems(...problems: (string | undefined)[]): string | undefined {
  const found = problems.filter((p): p is string => p !== undefined)
  return found.length > 0 ? found.join(' ') : undefined
}

/** Whether the file this process had open as the active one is now a closed segment (another process rotated it). */
async function isClosedSegment(dir: string, previous: { dev: number; ino: number }): Promise<boolean> {
  const closed = (await listSegments(dir)).filter((s) => s.firstSeq !== undefined).reverse()
  for (const segment of closed) {
    const found = await stat(segment.path).catch(() => undefined)
    if (found && found.ino === previous.ino && found.dev === previous.dev) return true
  }
  return false
}

/** Creates the file 0600 when missing, and tightens one an older version left readable by others. */
async function createPrivateFile(path: string): Promise<void> {
  await (await open(path, 'a', PRIVATE_FILE_MODE)).close()
  await tightenMode(path, PRIVATE_FILE_MODE)
}

class FileAuditLog implements AuditLog {
  readonly dir: string
  readonly startupReport: AuditStartupReport
  private nextSeq: number
  private lastHash: string
  private activeFirstSeq: number
  private chainStart: ChainPoint
  private readonly checkpoints: ChainPoint[]
  private listeners = new Set<(e: AuditEntry) => void>()
  private tornTailListeners = new Set<(torn: TornTail) => void>()
  /** The last torn line another process left, set aside while this one ran (verify reports it). */
  private peerTornTail: TornTail | undefined
  /** Unsigned lines of another process followed while this one ran: verify reports them, as start-up's. */
  private liveAnchorProblem: string | undefined
  /** A torn line was set aside in the current take of the lock, just before followPeers. */
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private readonly lock = new ReaderLock()
  private readonly queries: AuditQueryEngine
  private readonly guardMode: GuardMode
  private readonly flushIntervalMs: number
  private maxSegmentBytes: number
  private readonly onError: (error: AppError) => void
  private readonly verifyParallel: ParallelOptions
  /** Appended, not yet written (in order). */
  private queued: Queued[] = []
  private queuedChars = 0
  /** The last line on disk (as far as this process knows): where its next batch continues the chain. */
  private diskHead: ChainPoint

  constructor(
    opts: OpenAuditLogOptions,
    private readonly now: () => Date,
    private readonly appender: DurableAppender,
    private readonly anchorWriter: HeadAnchorWriter,
    private readonly runState: RunStateWriter,
    state: Awaited<ReturnType<typeof inspectLogAtOpen>>,
    private readonly key: AuditKeyLoad,
    private readonly fileLock: FileLock,
  ) {
    this.dir = opts.dir
    this.startupReport = state.report
    this.nextSeq = state.head.seq + 1
    this.lastHash = state.head.hash
    this.diskHead = state.head
    this.activeFirstSeq = state.activeFirstSeq
    this.chainStart = state.chainStart
    this.checkpoints = state.checkpoints
    this.guardMode = opts.guard ?? (process.env.NODE_ENV === 'production' ? 'redact' : 'throw')
    this.flushIntervalMs = opts.flushIntervalMs ?? 1000
    this.maxSegmentBytes = opts.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES
    this.onError = opts.onError ?? ((e) => console.error(`[audit] ${e.message} ${e.hint}`))
    this.verifyParallel = opts.verifyParallel ?? {}
    this.queries = new AuditQueryEngine({ withSnapshot: (fn) => this.withSnapshot(fn) })
  }

  get path(): string {
    return this.appender.path
  }

  get keyLoad(): AuditKeyLoad {
    return this.key
  }

  append(input: AuditInput): AuditEntry {
    if (this.closed) {
      throw new AppError({
        code: 'internal',
        message: 'The audit log is closed.',
        hint: 'This is a bug in Switchboard: an action ran after shutdown.',
      })
    }
    let fields: AuditInput
    try {
      fields = checkAuditInput(input)
    } catch (error) {
      throw toAppError(error)
    }
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
    this.queued.push({ entry, line })
    this.queuedChars += line.length
    this.nextSeq += 1
    this.lastHash = hashLine(line)
    this.scheduleFlush()
    if (this.queuedChars > MAX_PENDING_CHARS) {
      this.queuedChars = 0
      this.flush().catch((e) => this.onError(this.writeError(e)))
    }
    for (const listener of this.listeners) {
      try {
        listener(entry)
      } catch (error) {
        this.onError(toAppError(error))
      }
    }
    return entry
  }

  /** Written ahead: on disk, and covered by the signed head, before the caller goes on (a crash then leaves no unsigned tail). */
  async appendDurable(input: AuditInput): Promise<AuditEntry> {
    const entry = this.append(input)
    await this.flush()
    return entry
  }

  async flush(): Promise<void> {
    try {
      await this.appender.exclusive(async () => {
        // Another flush in this process already wrote everything: nothing to lock for.
        if (this.queued.length === 0) return
        await this.fileLock.run(async () => {
          await this.writeBatchLocked()
          if (!this.lock.busy && this.appender.size >= this.maxSegmentBytes) await this.rotateLocked()
        })
      })
    } catch (error) {
      throw this.writeError(error)
    }
  }

  /** At open: writes what start-up recorded, and signs the head even when nothing was (an older, unsigned anchor). */
  flushAndSignHead(): Promise<void> {
    return this.appender.exclusive(() =>
      this.fileLock.run(async () => {
        await this.writeBatchLocked()
        await this.anchorWriter.write(this.diskHead)
      }),
    )
  }

  /**
   * Inside exclusive() and the cross-process lock: reads what other processes appended since, then
   * writes the queued entries after it, fsyncs, and signs the new head.
   */
  private async writeBatchLocked(): Promise<void> {
    await this.appender.followPeersLocked()
    const batch = this.queued
    if (batch.length === 0) return
    this.queued = []
    this.queuedChars = 0
    const since = new Date()
    for (const item of batch) this.appender.enqueue(item.line + '\n')
    const last = batch[batch.length - 1]
    const head = { seq: last.entry.seq, hash: hashLine(last.line) }
    await this.appender.writeQueuedLocked()
    this.diskHead = head
    await this.appender.syncLocked()
    this.runState.noteDurable(since)
    await this.anchorWriter.write(head)
  }

  /**
   * Another process wrote to the log (appended, or rotated it: reset) since this one last did: the
   * chain goes on from the real last line, so queued entries are renumbered after it.
   */
  async followPeers({ reset, from, to }: PeerWrites): Promise<void> {
    // Lines added after ours leave ours as they were; a file that grew because one of ours was edited
    // is not followed: verify then finds the edit against the head kept here.
    if (!reset && from > 0 && (await hashOfLineEndingAt(this.appender.path, from)) !== this.diskHead.hash) return
    const archived = await readArchiveIndex(this.dir)
    const lastArchived = archived.at(-1)
    const chainStart = lastArchived ? { seq: lastArchived.lastSeq, hash: lastArchived.lastHash } : this.chainStart
    const last = await readLastLine(await listSegments(this.dir))
    let head: ChainPoint = last ? { seq: last.seq, hash: last.hash } : chainStart
    // Another Switchboard signs the head before it lets the lock go; lines no signed head covers were
    // not written by one (a forged append): not followed, so verify reports them.
    const anchor = checkAnchor(await this.anchorWriter.read(), this.key.public)
    if (!anchor.ok) return
    let unsigned: { fromSeq: number; toSeq: number } | undefined
    if (anchor.anchor.seq !== head.seq || anchor.anchor.hash !== head.hash) {
      // ... except lines that go on from the signed head's: the other process was killed after writing a
      // batch and before signing it (with or without a torn line after them). Followed, as a restart would,
      // and reported as a restart does, in the chain itself; refusing them would fork the chain instead.
      if (reset || last?.file !== ACTIVE_FILE) return
      unsigned = await unsignedContinuation(this.appender.path, to, anchor.anchor)
      if (unsigned?.toSeq !== head.seq) return
    }
    this.chainStart = chainStart
    if (reset) this.activeFirstSeq = (await readFirstSeq(join(this.dir, ACTIVE_FILE))) ?? head.seq + 1
    this.diskHead = head
    for (const item of this.queued) {
      // The same object the caller got back: it now shows where the entry really is.
      item.entry.seq = head.seq + 1
      item.entry.prev = head.hash
      item.line = serializeAuditEntry(item.entry)
      head = { seq: item.entry.seq, hash: hashLine(item.line) }
    }
    this.nextSeq = head.seq + 1
    this.lastHash = head.hash
    if (unsigned && anchor.ok) {
      const reason = `Entries seq ${unsigned.fromSeq} to ${unsigned.toSeq} come after the signed head (seq ${anchor.anchor.seq}) and are not covered by its signature: the other process using this data folder (the app or the command line) stopped before signing them, or someone else added them (found while running).`
      this.liveAnchorProblem = reason
      this.append({ ...SYSTEM_SCOPE, action: 'audit.anchorProblem', target: ACTIVE_FILE, outcome: 'error', detail: { reason } })
    }
  }

  verify(opts: { includeArchive?: boolean } = {}): Promise<AuditVerifyResult> {
    return this.withSnapshot(async (snapshot) => {
      const archived = opts.includeArchive ? await readArchiveIndex(this.dir) : []
      const anchor = checkAnchor(await this.anchorWriter.read(), this.key.public)
      const verdict = await verifySnapshot(
        this.dir,
        snapshot,
        anchor.ok ? [...this.checkpoints, anchor.anchor] : this.checkpoints,
        archived,
        this.verifyParallel,
      )
      const firstBad = verdict.firstBad ?? this.startupReport.integrity
      const head = headVerdict({
        startupProblem: joinProblems(this.startupReport.anchorProblem, this.liveAnchorProblem),
        anchor,
        verdict,
        writtenSeq: snapshot.head.seq,
        key: this.key.public,
      })
      const result: AuditVerifyResult = {
        ok: firstBad === undefined && head.problem === undefined,
        entries: verdict.entries,
        headHash: verdict.headHash,
        head,
      }
      if (firstBad) result.firstBad = { line: firstBad.line, seq: firstBad.seq, reason: firstBad.reason }
      const tornTail = this.peerTornTail ?? this.startupReport.tornTail
      if (tornTail) result.tornTail = tornTail
      return result
    })
  }

  tail(limit: number): Promise<AuditEntry[]> {
    return this.withSnapshot(async (snapshot) => {
      const entries: AuditEntry[] = []
      for (const segment of [...snapshot.segments].reverse()) {
        if (entries.length >= limit) break
        await scanLinesBackward(segment.path, { end: segment.end }, (buf, start, end) => {
          const entry = parseAuditLine(buf.toString('utf8', start, end))
          if (entry) entries.push(entry)
          return entries.length < limit
        })
      }
      return entries
    })
  }

  query(q: AuditQuery): Promise<AuditPage> {
    return this.queries.query(q)
  }

  count(q: AuditCount): Promise<AuditCountResult> {
    return this.queries.count(q)
  }

  async exportEntries(req: AuditExportRequest, control: ExportControl = {}): Promise<AuditExportResult> {
    const verified = req.format === 'bundle' ? await this.verify() : undefined
    const result = await this.withSnapshot((snapshot) =>
      exportAudit(snapshot, req, { ...control, now: this.now, signer: () => this.bundleSigner(), verified }),
    )
    this.append({
      ...SYSTEM_SCOPE,
      action: 'audit.export',
      target: basename(result.path),
      outcome: 'ok',
      detail: {
        format: result.format,
        entries: result.entries,
        bytes: result.bytes,
        sha256: result.sha256,
        filtered: req.filter !== undefined && Object.keys(req.filter).length > 0,
      },
    })
    await this.flush()
    return result
  }

  metrics(req: AuditMetricsRequest = {}): Promise<AuditMetrics> {
    return this.withSnapshot((snapshot) => computeMetrics(snapshot, req))
  }

  async segments(): Promise<AuditSegmentInfo[]> {
    const archived = await readArchiveIndex(this.dir)
    const live = await this.withSnapshot(async (s) => s.segments)
    return [
      ...archived.map((a) => ({ name: a.name, firstSeq: a.firstSeq, lastSeq: a.lastSeq, bytes: a.bytes, state: 'archived' as const })),
      ...live.map((s) => ({
        name: s.name,
        firstSeq: s.firstSeq,
        bytes: s.end,
        state: s.active ? ('active' as const) : ('closed' as const),
      })),
    ]
  }

  async rotate(): Promise<void> {
    await this.lock.write(() =>
      this.appender.exclusive(() =>
        this.fileLock.run(async () => {
          await this.writeBatchLocked()
          await this.rotateLocked()
        }),
      ),
    )
  }

  setMaxSegmentBytes(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes < 1)
      throw new AppError({
        code: 'invalid_input',
        message: `A segment size of ${bytes} bytes is not possible.`,
        hint: 'Choose a size of at least 1 MiB.',
      })
    this.maxSegmentBytes = Math.floor(bytes)
  }

  async archive(opts: { keepClosedSegments: number }): Promise<ArchivedSegment[]> {
    const keep = Math.max(0, Math.floor(opts.keepClosedSegments))
    const records = await this.lock.write(() =>
      this.fileLock.run(async () => {
        const closed = (await listSegments(this.dir)).filter((s) => s.firstSeq !== undefined)
        const done: ArchivedSegment[] = []
        for (const segment of closed.slice(0, Math.max(0, closed.length - keep))) {
          const record = await archiveSegment(this.dir, { ...segment, firstSeq: segment.firstSeq as number }, this.now())
          this.chainStart = { seq: record.lastSeq, hash: record.lastHash }
          done.push(record)
        }
        return done
      }),
    )
    if (records.length > 0) {
      const last = records[records.length - 1]
      this.append({
        ...SYSTEM_SCOPE,
        action: 'audit.archive',
        target: 'archive/',
        outcome: 'ok',
        detail: { segments: records.length, throughSeq: last.lastSeq },
      })
      await this.flush()
    }
    return records
  }

  async signingKeyFingerprint(): Promise<string> {
    return this.key.public.fingerprint
  }

  signingKey(): AuditHeadKeyView {
    return this.key.public.protection
  }

  onAppend(listener: (e: AuditEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  onTornTail(listener: (torn: TornTail) => void): () => void {
    this.tornTailListeners.add(listener)
    return () => this.tornTailListeners.delete(listener)
  }

  /**
   * Under the lock, before following another process's lines: that process was killed mid-write. Its
   * torn line is set aside as at start-up (the next batch would otherwise be glued to it), and the
   * log says so; the entry is queued, so it is renumbered after the last whole line like the others.
   */
  async setAsidePeerTornTail(): Promise<void> {
    // The wall clock names the file: an injected clock may repeat the start-up's name.
    const torn = await setAsideTornTail(
      this.appender.path,
      join(this.dir, tornFileName('audit', new Date(), 'jsonl')),
      (line) => parseAuditLine(line) !== undefined,
    )
    if (!torn) return
    this.peerTornTail = torn
    this.append({
      ...SYSTEM_SCOPE,
      action: 'audit.tornTailSetAside',
      outcome: 'error',
      target: basename(torn.path),
      detail: { bytes: torn.bytes, note: 'Left by another process (the app or the command line) that stopped mid-write.' },
    })
    for (const listener of this.tornTailListeners) {
      try {
        listener(torn)
      } catch (error) {
        this.onError(toAppError(error))
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.flush()
    this.closed = true
    this.queries.close()
    this.listeners.clear()
    this.tornTailListeners.clear()
    await this.appender.close()
    await this.anchorWriter.close()
    await this.runState.close()
  }

  /** Writes what start-up found into the log itself, so it outlives this session. */
  recordStartupFindings(uncleanStops: UncleanStop[]): void {
    const { tornTail, integrity, anchorProblem } = this.startupReport
    const base = { ...SYSTEM_SCOPE, target: ACTIVE_FILE }
    for (const uncleanStop of uncleanStops) {
      this.append({
        ...base,
        action: 'audit.unclean_stop',
        outcome: 'error',
        detail: {
          ...uncleanStop,
          note: `The run of process ${uncleanStop.pid} did not close the log. Entries it appended between lostFrom and lostUntil may not have reached the disk.`,
        },
      })
    }
    if (tornTail) {
      this.append({
        ...base,
        action: 'audit.tornTailSetAside',
        outcome: 'error',
        target: basename(tornTail.path),
        detail: { bytes: tornTail.bytes },
      })
    }
    if (integrity) {
      this.append({
        ...base,
        action: 'audit.integrityProblem',
        outcome: 'error',
        detail: { line: integrity.line, seq: integrity.seq ?? null, reason: integrity.reason },
      })
    }
    if (anchorProblem) this.append({ ...base, action: 'audit.anchorProblem', outcome: 'error', detail: { reason: anchorProblem } })
  }

  /** The active file was replaced, deleted or cut while open: the log says so in itself. */
  recordFileChange(change: FileChange): void {
    if (this.closed) return
    const base = { ...SYSTEM_SCOPE, target: basename(change.path), outcome: 'error' as const }
    if (change.kind === 'truncated') {
      this.append({
        ...base,
        action: 'audit.file.truncated',
        detail: {
          inode: change.inode,
          expectedBytes: change.expectedBytes,
          foundBytes: change.foundBytes,
          note: 'Entries in the cut bytes are lost; later entries are appended at the new end.',
        },
      })
    } else if (change.kind === 'replaced') {
      this.append({
        ...base,
        action: 'audit.file.replaced',
        detail: {
          oldInode: change.oldInode,
          newInode: change.newInode,
          foundBytes: change.foundBytes,
          setAside: basename(change.setAsidePath),
          restoredBytes: change.restoredBytes,
        },
      })
    } else {
      this.append({
        ...base,
        action: 'audit.file.missing',
        detail: { oldInode: change.oldInode, newInode: change.newInode, restoredBytes: change.restoredBytes },
      })
    }
  }

  /** A consistent view of the files: no rotation or archiving until fn is done. */
  private withSnapshot<T>(fn: (snapshot: AuditSnapshot) => Promise<T>): Promise<T> {
    return this.lock.read(async () => {
      // Under the cross-process lock: what other processes wrote (or archived) is in the snapshot, and
      // `end` holds exactly up to `head`.
      const snapshot = await this.appender.exclusive(() =>
        this.fileLock.run(async () => {
          await this.writeBatchLocked()
          // Side by side: each is a few file system calls, and a query waits for the snapshot.
          const [records, segments] = await Promise.all([readArchiveIndex(this.dir), this.snapshotSegments()])
          const archived = records.map((record) => archivedSearchSegment(this.dir, record))
          return { head: this.diskHead, start: this.chainStart, segments, archived }
        }),
      )
      return fn(snapshot)
    })
  }

  private async snapshotSegments(): Promise<SnapshotSegment[]> {
    const files = await listSegments(this.dir)
    return Promise.all(
      files.map(async (f): Promise<SnapshotSegment> => {
        if (f.firstSeq === undefined) {
          return { name: f.name, path: this.appender.path, firstSeq: this.activeFirstSeq, end: this.appender.size, active: true }
        }
        return { name: f.name, path: f.path, firstSeq: f.firstSeq, end: (await stat(f.path)).size, active: false }
      }),
    )
  }

  /** Inside exclusive() and the cross-process lock, after writeBatchLocked(): closes the active file as a segment and starts a new one. */
  private async rotateLocked(): Promise<void> {
    const lastSeq = this.diskHead.seq
    if (this.appender.size === 0) return
    const firstSeq = this.activeFirstSeq
    const name = segmentFileName(firstSeq)
    const bytes = this.appender.size
    const activePath = join(this.dir, ACTIVE_FILE)
    await this.appender.reopen(activePath, async () => {
      await rename(activePath, join(this.dir, name))
      await syncDirectory(this.dir)
    })
    this.activeFirstSeq = lastSeq + 1
    // Written before the lock is let go, so it is the first line of the new active file.
    this.append({ ...SYSTEM_SCOPE, action: 'audit.rotate', target: name, outcome: 'ok', detail: { firstSeq, lastSeq, bytes } })
    await this.writeBatchLocked()
  }

  private async bundleSigner(): Promise<BundleSigner> {
    if (this.key.signer) return this.key.signer
    throw new AppError({
      code: 'file',
      message: `A signed bundle cannot be made: ${this.key.problem ?? 'the audit key cannot be unsealed.'}`,
      hint: 'Unlock the system keychain and restart Switchboard, or export as JSON Lines or CSV (unsigned).',
    })
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
