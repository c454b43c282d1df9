/**
 * One run of a download job: submit the waiting items in batch requests of at most 100 (each batch's id
 * journalled, fsynced, before it is polled), poll the open batches with capped backoff, and fetch each
 * result as soon as it appears, a few files at once; each file is verified under its part name and only
 * then given its final name, as the admin chose for names already taken. A stop leaves part files for
 * the next run, which reads the same batches again and continues them with Range.
 */
import { rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError, toAppError } from '../../../../shared/errors'
import { appendAuditEntry, type AuditLog, type AuditScope } from '../../audit'
import type { GenesysClient } from '../../genesys'
import type { TypedJobContext } from '../../jobs'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import type { saveConversationTranscript } from '../transcripts/saveTranscript'
import { getBatchRequest, MAX_BATCH_ITEMS, submitBatchRequest, type BatchResult } from './batchRequestsApi'
import { linkWithoutQuery, recordingTarget } from './downloadAudit'
import type { DownloadCheckpoint } from './downloadJob'
import type { DownloadRecord, ItemPatch, ItemRecord } from './downloadRecord'
import type { DownloadStore } from './downloadStore'
import { fetchMedia, sha256OfFile } from './fetchMedia'
import { partName, recordingFileName } from './fileNames'
import { exists, placeFile, placeFileRenamed } from './placeFile'
import { afterFreshResults, afterNothingNew, firstPoll, POLL, type PollTimer } from './pollSchedule'
import { Wake } from './wake'
import { writeErrnoOf, writeError } from './writeErrors'

const FILES_AT_ONCE = 8
/** Batches whose results are not all taken yet; more would only let their links expire unused. */
const MAX_OPEN_BATCHES = 10
const MAX_RENEWALS = 3
const SUBMIT_ATTEMPTS = 5
const TRANSIENT = new Set(['network', 'timeout', 'server_error', 'rate_limited'])

export interface DownloadRunDeps {
  store: DownloadStore
  connection(profileId: string): { client: GenesysClient; links: OutboundUrlRule }
  scope(profileId: string): Promise<AuditScope>
  audit: AuditLog
  /** Something the screen shows changed (bytes, a state): announce it (throttled by the caller). */
  changed(record: DownloadRecord): void
  /** The manifest should be written again (the caller throttles; flush writes it now). */
  manifest: { schedule(record: DownloadRecord): void; flush(record: DownloadRecord): Promise<void> }
  saveTranscript: typeof saveConversationTranscript
}

interface ReadyResult {
  item: ItemRecord
  url: string
  contentType?: string
}

export class DownloadRun {
  private readonly wake = new Wake()
  private readonly ready: ReadyResult[] = []
  private readonly active = new Map<string, Promise<void>>()
  private readonly polls = new Map<string, PollTimer>()
  private submitFailures = 0
  private nextSubmitAt = 0
  private client!: GenesysClient
  private links: OutboundUrlRule = {}
  private scope: AuditScope = { profile: '', org: '' }

  constructor(
    private readonly deps: DownloadRunDeps,
    private readonly record: DownloadRecord,
    private readonly ctx: TypedJobContext<DownloadCheckpoint>,
  ) {}

  private get signal(): AbortSignal {
    return this.ctx.signal
  }

  /** A decision was made for this download's items: look again. */
  notify(): void {
    this.wake.notify()
  }

  async run(): Promise<void> {
    const { client, links } = this.deps.connection(this.record.profileId)
    this.client = client
    this.links = links
    this.scope = await this.deps.scope(this.record.profileId)
    await this.recover()
    try {
      await this.loop()
    } finally {
      await Promise.allSettled([...this.active.values()])
      await this.deps.manifest.flush(this.record).catch(() => undefined)
    }
    this.signal.throwIfAborted()
    if (this.record.transcripts) await this.saveTranscripts()
    await this.finish()
  }

  // ---- the loop ----

  private async loop(): Promise<void> {
    for (;;) {
      this.signal.throwIfAborted()
      await this.submitWaiting()
      await this.pollDue()
      this.startReady()
      this.startDecided()
      if (this.isFinished()) return
      await this.wake.sleep(this.nextWakeMs(), this.signal)
    }
  }

  private isFinished(): boolean {
    if (this.active.size > 0 || this.ready.length > 0) return false
    return this.record.items.every((item) => ['saved', 'skipped', 'failed', 'cancelled'].includes(item.state))
  }

  /** Until the next poll or submit is due; undefined: only an event (a file done, a decision) can help. */
  private nextWakeMs(): number | undefined {
    const now = Date.now()
    let at = Infinity
    for (const batchId of this.batchesNeedingResults().keys()) at = Math.min(at, this.polls.get(batchId)?.nextAt ?? now)
    if (this.record.items.some((item) => item.state === 'waiting')) at = Math.min(at, Math.max(now, this.nextSubmitAt))
    return at === Infinity ? undefined : Math.max(0, at - now)
  }

  // ---- after a restart ----

  /** Items a stop left between states are set back to where their next step starts; a verified file is kept. */
  private async recover(): Promise<void> {
    for (const item of this.record.items) {
      if (item.state === 'verifying' && item.sha256 && item.fileName) {
        const target = item.path ?? join(this.record.folder, item.fileName)
        if (await matches(target, item.bytes, item.sha256)) {
          await this.saved(item, target, item.fileName)
          continue
        }
        if (await matches(this.partOf(item.fileName), item.bytes, item.sha256)) {
          item.verified = true
          continue
        }
      }
      if (item.state === 'downloading' || item.state === 'verifying') {
        await this.patch(item, { state: item.batchId ? 'requested' : 'waiting', verified: undefined })
      }
      if (
        item.state === 'asking' &&
        item.verified &&
        item.fileName &&
        !(await matches(this.partOf(item.fileName), item.bytes, item.sha256))
      )
        await this.patch(item, { verified: undefined })
    }
  }

  // ---- batches ----

  private async submitWaiting(): Promise<void> {
    if (Date.now() < this.nextSubmitAt) return
    const waiting = this.record.items.filter((item) => item.state === 'waiting')
    while (waiting.length > 0 && this.openBatchCount() < MAX_OPEN_BATCHES) {
      const chunk = waiting.splice(0, MAX_BATCH_ITEMS)
      let submitted
      try {
        submitted = await submitBatchRequest(this.client, chunk, this.signal)
      } catch (error) {
        this.signal.throwIfAborted()
        const failure = toAppError(error)
        appendAuditEntry(
          this.deps.audit,
          this.scope,
          'recording.download.batch.submitted',
          'recording/batchrequests',
          'error',
          {
            items: chunk.length,
            code: failure.code,
            status: failure.status ?? null,
          },
          failure.correlationId,
        )
        if (TRANSIENT.has(failure.code) && ++this.submitFailures < SUBMIT_ATTEMPTS) {
          this.nextSubmitAt = Date.now() + Math.min(POLL.capMs * 2, POLL.nextMs * 2 ** this.submitFailures)
          return
        }
        for (const item of chunk) await this.fail(item, failure)
        continue
      }
      this.submitFailures = 0
      const batchId = submitted.data.id
      // Durable before the first poll: a restart must find and read this batch, not submit its items again.
      await this.deps.store.append(this.record, { t: 'batch', id: batchId, keys: chunk.map((item) => item.key) }, true)
      await this.ctx.checkpoint({ batches: [...this.record.batches.keys()] })
      appendAuditEntry(
        this.deps.audit,
        this.scope,
        'recording.download.batch.submitted',
        `recording/batchrequests/${batchId}`,
        'ok',
        { items: chunk.length, downloadId: this.record.id },
        submitted.correlationId,
      )
      this.polls.set(batchId, firstPoll(Date.now()))
      this.deps.changed(this.record)
    }
  }

  private openBatchCount(): number {
    return new Set(this.record.items.filter((item) => item.state === 'requested' && item.batchId).map((item) => item.batchId)).size
  }

  /** Requested items whose link is not in hand yet, by batch. */
  private batchesNeedingResults(): Map<string, ItemRecord[]> {
    const taken = new Set(this.ready.map((r) => r.item.key))
    const byBatch = new Map<string, ItemRecord[]>()
    for (const item of this.record.items) {
      if (item.state !== 'requested' || !item.batchId || taken.has(item.key) || this.active.has(item.key)) continue
      const list = byBatch.get(item.batchId) ?? []
      list.push(item)
      byBatch.set(item.batchId, list)
    }
    return byBatch
  }

  private async pollDue(): Promise<void> {
    for (const [batchId, items] of this.batchesNeedingResults()) {
      const poll = this.polls.get(batchId) ?? firstPoll(0)
      this.polls.set(batchId, poll)
      if (poll.nextAt > Date.now()) continue
      let answer
      try {
        answer = await getBatchRequest(this.client, batchId, this.signal)
      } catch (error) {
        this.signal.throwIfAborted()
        const failure = toAppError(error)
        if (failure.status === 404) {
          // Gone or no longer ours to read (another client): ask again in a new batch.
          this.polls.delete(batchId)
          for (const item of items) await this.patch(item, { state: 'waiting', batchId: undefined }, true)
        } else if (TRANSIENT.has(failure.code)) {
          afterNothingNew(poll, Date.now())
        } else {
          for (const item of items) await this.fail(item, failure)
        }
        continue
      }
      const pending = new Map(items.map((item) => [item.key, item]))
      let fresh = 0
      for (const result of answer.data.results) {
        const item = pending.get(`${result.conversationId}/${result.recordingId ?? ''}`)
        if (!item) continue
        pending.delete(item.key)
        fresh++
        if (result.resultUrl && !result.errorMsg)
          this.ready.push({ item, url: result.resultUrl, ...(result.contentType ? { contentType: result.contentType } : {}) })
        else await this.fail(item, unavailableError(result))
      }
      this.startReady()
      if (answer.data.status === 'Completed') {
        this.polls.delete(batchId)
        const batch = this.record.batches.get(batchId)
        if (batch && !batch.completed) {
          await this.deps.store.append(this.record, { t: 'batchDone', id: batchId })
          appendAuditEntry(
            this.deps.audit,
            this.scope,
            'recording.download.batch.completed',
            `recording/batchrequests/${batchId}`,
            'ok',
            {
              results: answer.data.resultCount ?? answer.data.results.length,
              errors: answer.data.errorCount ?? answer.data.results.filter((r) => r.errorMsg).length,
              downloadId: this.record.id,
            },
            answer.correlationId,
          )
        }
        for (const item of pending.values())
          await this.fail(
            item,
            new AppError({
              code: 'server_error',
              message: 'The batch request completed without a result for this recording.',
              hint: 'Retry the failed files.',
              correlationId: answer.correlationId,
            }),
          )
      } else if (fresh > 0) afterFreshResults(poll, Date.now())
      else afterNothingNew(poll, Date.now())
      this.deps.changed(this.record)
    }
  }

  // ---- files ----

  private startReady(): void {
    while (this.active.size < FILES_AT_ONCE && this.ready.length > 0) {
      const next = this.ready.shift()!
      this.track(next.item, () => this.download(next))
    }
  }

  /** Verified files whose name was taken, once the admin decided. */
  private startDecided(): void {
    for (const item of this.record.items) {
      if (this.active.size >= FILES_AT_ONCE) return
      if (item.state === 'verifying' && item.verified && !this.active.has(item.key)) this.track(item, () => this.placeVerified(item))
    }
  }

  private track(item: ItemRecord, work: () => Promise<void>): void {
    const done = work()
      .catch(() => undefined) // a stop: the next run continues from the journal and the part file
      .finally(() => {
        this.active.delete(item.key)
        // The next file starts now, not when the loop is done polling.
        if (!this.signal.aborted) this.startReady()
        this.wake.notify()
      })
    this.active.set(item.key, done)
  }

  private async download({ item, url, contentType }: ReadyResult): Promise<void> {
    const fileName = item.fileName ?? recordingFileName(item, contentType)
    const target = join(this.record.folder, fileName)
    const part = this.partOf(fileName)
    const choice = this.choiceFor(item)
    try {
      if (choice !== 'overwrite' && choice !== 'rename' && (await exists(target))) {
        if (choice === 'skip') return await this.skip(item, { fileName, contentType, existingPath: target })
        await this.patch(item, { state: 'asking', fileName, contentType, existingPath: target }, true)
        this.deps.manifest.schedule(this.record)
        return
      }
      await this.patch(item, { state: 'downloading', fileName, contentType, existingPath: undefined })
      const link = linkWithoutQuery(url)
      let rangeFrom = 0
      appendAuditEntry(this.deps.audit, this.scope, 'recording.download.started', recordingTarget(item), 'ok', {
        downloadId: this.record.id,
        ...link,
      })
      const outcome = await fetchMedia({
        url,
        partPath: part,
        links: this.links,
        signal: this.signal,
        onBytes: (bytes, total) => {
          item.bytes = bytes
          if (total !== undefined) item.totalBytes = total
          this.deps.changed(this.record)
        },
        onRangeResume: (offset) => (rangeFrom = offset),
      })
      if (outcome.kind === 'refused') return await this.renew(item, outcome.reason, link)
      if (outcome.kind === 'failed') {
        await removePart(part)
        return await this.fail(item, outcome.error, link)
      }
      await this.patch(
        item,
        { state: 'verifying', bytes: outcome.bytes, totalBytes: outcome.bytes, sha256: outcome.sha256, path: target },
        true,
      )
      await this.place(item, part, fileName, choice, { ...link, resumedFrom: rangeFrom })
    } catch (error) {
      if (this.signal.aborted) throw error
      await removePart(part)
      const errno = writeErrnoOf(error)
      await this.fail(item, errno ? writeError(errno, fileName, this.record.folder) : toAppError(error))
    }
  }

  private async placeVerified(item: ItemRecord): Promise<void> {
    const fileName = item.fileName!
    const part = this.partOf(fileName)
    const choice = this.choiceFor(item)
    try {
      if (choice === 'skip') {
        await removePart(part)
        return await this.skip(item, { existingPath: join(this.record.folder, fileName) })
      }
      await this.place(item, part, fileName, choice, {})
    } catch (error) {
      if (this.signal.aborted) throw error
      await removePart(part)
      const errno = writeErrnoOf(error)
      await this.fail(item, errno ? writeError(errno, fileName, this.record.folder) : toAppError(error))
    }
  }

  private async place(
    item: ItemRecord,
    part: string,
    fileName: string,
    choice: ItemRecord['choice'],
    detail: Record<string, string | number>,
  ): Promise<void> {
    const target = join(this.record.folder, fileName)
    if (choice === 'overwrite') {
      await placeFile(part, target, true)
      return this.saved(item, target, fileName, detail)
    }
    if (choice === 'rename') {
      const used = await placeFileRenamed(part, this.record.folder, fileName)
      return this.saved(item, join(this.record.folder, used), fileName, detail)
    }
    if ((await placeFile(part, target, false)) === 'exists') {
      // Taken while it downloaded: keep the verified file under its part name until the admin decides.
      await this.patch(item, { state: 'asking', existingPath: target, verified: true }, true)
      this.deps.manifest.schedule(this.record)
      return
    }
    return this.saved(item, target, fileName, detail)
  }

  private async saved(item: ItemRecord, path: string, plannedName: string, detail: Record<string, string | number> = {}): Promise<void> {
    const fileName = basename(path)
    await this.patch(
      item,
      {
        state: 'saved',
        path,
        fileName,
        verified: undefined,
        ...(fileName !== plannedName ? { renamedFrom: plannedName } : {}),
      },
      // Not fsynced: a lost line is recovered from the durable 'verifying' line and the file's hash.
      false,
    )
    appendAuditEntry(this.deps.audit, this.scope, 'recording.download.finished', recordingTarget(item), 'ok', {
      downloadId: this.record.id,
      bytes: item.bytes,
      sha256: item.sha256 ?? '',
      file: fileName,
      ...detail,
    })
    this.deps.manifest.schedule(this.record)
  }

  private async skip(item: ItemRecord, patch: ItemPatch): Promise<void> {
    await this.patch(item, { ...patch, state: 'skipped', verified: undefined }, true)
    appendAuditEntry(this.deps.audit, this.scope, 'recording.download.skipped', recordingTarget(item), 'ok', {
      downloadId: this.record.id,
      reason: 'exists',
    })
    this.deps.manifest.schedule(this.record)
  }

  /** The link was refused (expired): ask the API again in a new batch; the part file stays for Range. */
  private async renew(item: ItemRecord, reason: string, link: { host: string; path: string }): Promise<void> {
    if (item.renewals >= MAX_RENEWALS) {
      return this.fail(
        item,
        new AppError({
          code: 'forbidden',
          status: 403,
          message: `The download link was refused again after ${MAX_RENEWALS} fresh links (${reason}).`,
          hint: "Check the computer's clock and the org's download link lifetime, then Retry the failed files.",
        }),
        link,
      )
    }
    await this.patch(item, { state: 'waiting', batchId: undefined, renewals: item.renewals + 1 }, true)
    appendAuditEntry(this.deps.audit, this.scope, 'recording.download.link.renewed', recordingTarget(item), 'ok', {
      downloadId: this.record.id,
      reason,
      renewal: item.renewals,
      ...link,
    })
  }

  private async fail(item: ItemRecord, error: AppError, link?: { host: string; path: string }): Promise<void> {
    await this.patch(item, { state: 'failed', error: error.toData(), verified: undefined }, true)
    appendAuditEntry(
      this.deps.audit,
      this.scope,
      'recording.download.failed',
      recordingTarget(item),
      'error',
      { downloadId: this.record.id, code: error.code, bytes: item.bytes, ...(link ?? {}) },
      error.correlationId,
    )
    this.deps.manifest.schedule(this.record)
  }

  private async patch(item: ItemRecord, patch: ItemPatch, durable = false): Promise<void> {
    await this.deps.store.patchItem(this.record, item, patch, durable)
    this.deps.changed(this.record)
  }

  private choiceFor(item: ItemRecord): ItemRecord['choice'] {
    return item.choice ?? (this.record.onExisting === 'ask' ? undefined : this.record.onExisting)
  }

  private partOf(fileName: string): string {
    return join(this.record.folder, partName(fileName))
  }

  // ---- the end ----

  private async saveTranscripts(): Promise<void> {
    const conversations = [...new Set(this.record.items.map((item) => item.conversationId))]
    for (const conversationId of conversations) {
      if (this.record.transcriptOutcomes.has(conversationId)) continue
      this.signal.throwIfAborted()
      let outcome
      try {
        const saved = await this.deps.saveTranscript(
          { client: this.client, links: this.links, signal: this.signal },
          conversationId,
          this.record.folder,
        )
        outcome =
          saved.state === 'none'
            ? { conversationId, state: 'none' as const, reason: saved.reason }
            : { conversationId, state: 'saved' as const }
      } catch (error) {
        this.signal.throwIfAborted()
        outcome = { conversationId, state: 'failed' as const, reason: toAppError(error).message }
      }
      await this.deps.store.append(this.record, { t: 'transcript', outcome }, true)
      appendAuditEntry(
        this.deps.audit,
        this.scope,
        'recording.download.transcript',
        `conversations/${conversationId}`,
        outcome.state === 'failed' ? 'error' : 'ok',
        {
          downloadId: this.record.id,
          state: outcome.state,
        },
      )
      this.deps.changed(this.record)
    }
  }

  private async finish(): Promise<void> {
    const failed = this.record.items.filter((item) => item.state === 'failed')
    const noTranscript = [...this.record.transcriptOutcomes.values()].filter((outcome) => outcome.state === 'failed')
    const error = failureSummary(failed, noTranscript.length, this.record.items.length)
    await this.deps.store.append(
      this.record,
      { t: 'finished', at: new Date().toISOString(), ...(error ? { error: error.toData() } : {}) },
      true,
    )
    await this.deps.manifest.flush(this.record).catch(() => undefined)
    const counts = { saved: 0, skipped: 0, failed: failed.length }
    for (const item of this.record.items) if (item.state === 'saved' || item.state === 'skipped') counts[item.state]++
    appendAuditEntry(this.deps.audit, this.scope, 'recording.download.completed', `downloads/${this.record.id}`, error ? 'error' : 'ok', {
      items: this.record.items.length,
      ...counts,
    })
    this.deps.changed(this.record)
    if (error) throw error
  }
}

function failureSummary(failed: ItemRecord[], transcriptsFailed: number, total: number): AppError | undefined {
  if (failed.length === 0 && transcriptsFailed === 0) return undefined
  const parts = [
    failed.length > 0 ? `${failed.length} of ${total} recordings could not be saved` : '',
    transcriptsFailed > 0 ? `${transcriptsFailed} transcript${transcriptsFailed === 1 ? '' : 's'} could not be saved` : '',
  ].filter(Boolean)
  return new AppError({
    code: failed[0]?.error?.code ?? 'internal',
    message: `${parts.join('; ')}; each says why.`,
    hint: 'Fix what the failed files say, then Retry them; the saved files stay.',
  })
}

function unavailableError(result: BatchResult): AppError {
  const said = result.errorMsg ?? 'no download link was given'
  return new AppError({
    code: /not found|deleted/i.test(said) ? 'not_found' : 'conflict',
    message: `Genesys Cloud could not give this recording: ${said}.`,
    hint: /archiv|restor/i.test(said)
      ? 'Restore it from the archive (or wait for the restore), then Retry.'
      : 'Check the recording’s state in the results; only available recordings can be downloaded.',
  })
}

async function matches(path: string, bytes: number, sha256: string | undefined): Promise<boolean> {
  if (!sha256) return false
  try {
    const info = await stat(path)
    return info.isFile() && info.size === bytes && (await sha256OfFile(path)) === sha256
  } catch {
    return false
  }
}

async function removePart(part: string): Promise<void> {
  // Never recursive: a folder someone put where the part goes is theirs.
  await rm(part, { force: true }).catch(() => undefined)
}
