/**
 * Sends one hashed recording: presign, then PUT the bytes to the presigned URL with exactly the headers
 * the API returned. Failures that cannot have stored the object (an error answer, a reset before the
 * whole body left) are retried; an expired URL is presigned again; when the body left but no answer
 * came, the upload report decides whether the object landed, so nothing is uploaded twice and nothing
 * is called done without proof.
 */
import { AppError } from '../../../shared/errors'
import { backoffDelayMs, DEFAULT_BACKOFF, abortableSleep, type BackoffOptions, type GenesysClient, type Sleep } from '../genesys'
import { classifyTransportError, describeTransportError } from '../genesys/transportErrors'
import { assertOutboundUrl, type OutboundUrlRule } from '../net/outboundUrl'
import { assertUnchanged, fileChangedError, type FileFacts } from './fileChanges'
import { presignUpload, UPLOAD_MAX_RETRIES, type Presigned } from './uploadsApi'
import { putObject, type PutOutcome } from './putObject'
import { readUploadReport } from './uploadReport'

export interface UploadTarget extends FileFacts {
  /** Sent as UploadUrlRequest.fileName; `name` (the local one) is what messages say. */
  uploadName: string
  contentType: string
  md5Base64: string
}

/** Where the upload stands, for the job's checkpoint: written before the step it names. */
export type UploadPoint =
  | { stage: 'hashed' }
  | { stage: 'presigned'; uploadKey: string; presignedAt: number }
  | { stage: 'putStarted'; uploadKey: string; presignedAt: number }

export interface PutAttempt {
  attempt: number
  uploadKey: string
  outcome: 'ok' | 'retry' | 'error'
  latencyMs: number
  status?: number
  bytesSent: number
  reason?: string
}

export interface UploadHooks {
  checkpoint(point: UploadPoint): Promise<void>
  progress(step: 'uploading' | 'confirming', bytes: number): void
  attempt(record: PutAttempt): void
  /** Write-ahead: awaited before each PUT leaves (an fsynced audit intent); when it fails, nothing is sent. */
  writeAhead?: (intent: { attempt: number; uploadKey: string }) => Promise<void>
  /** Before each wait between attempts: which attempt comes next, when, and why. */
  waiting?: (wait: RetryWait) => void
  /** Test seam: runs just before each PUT (e.g. to let a presigned URL expire). */
  beforePut?: () => Promise<void>
}

export interface RetryWait {
  /** The attempt that comes next, counting the first. */
  attempt: number
  maxAttempts: number
  /** Epoch ms when it starts. */
  at: number
  reason: string
}

export interface UploadOptions {
  client: GenesysClient
  /** Which presigned and report links of this profile's API may be followed. */
  links: OutboundUrlRule
  /** Lifetime asked for each presigned URL; default 3600. */
  signedUrlTimeoutSeconds?: number
  maxRetries?: number
  backoff?: BackoffOptions
  sleep?: Sleep
  idleTimeoutMs?: number
  signal?: AbortSignal
  /** Where the time of the next attempt is read; default Date.now. */
  now?: () => number
}

export interface UploadedRecording {
  uploadKey: string
  /** Of the presign that minted the URL the bytes went to. */
  correlationId?: string
  retries: number
  /** 'put': the storage said 200; 'report': an interrupted PUT, confirmed by the upload report. */
  confirmedBy: 'put' | 'report'
}

/** Re-presign rather than start a PUT this close to the URL's expiry. */
const EXPIRY_MARGIN_MS = 30_000
const MAX_PRESIGNS = 5
/** A storage that asks for a longer wait is waited this long, then asked again (as the API client caps it). */
const MAX_RETRY_AFTER_SECONDS = 120

export async function uploadRecording(
  target: UploadTarget,
  options: UploadOptions,
  hooks: UploadHooks,
  resume?: UploadPoint,
): Promise<UploadedRecording> {
  const run = new UploadRun(target, options, hooks)
  return run.start(resume)
}

class UploadRun {
  private presigned: Presigned | undefined
  private presigns = 0
  private retries = 0
  private failures = 0
  private attempts = 0
  private readonly maxRetries: number
  private readonly sleep: Sleep

  constructor(
    private readonly target: UploadTarget,
    private readonly options: UploadOptions,
    private readonly hooks: UploadHooks,
  ) {
    this.maxRetries = options.maxRetries ?? UPLOAD_MAX_RETRIES
    this.sleep = options.sleep ?? abortableSleep
  }

  async start(resume?: UploadPoint): Promise<UploadedRecording> {
    if (resume?.stage === 'putStarted') {
      // The last run may have sent every byte before it stopped: ask before sending them again.
      this.hooks.progress('confirming', this.target.size)
      if (await this.landed(resume.uploadKey, resume.presignedAt)) return this.done(resume.uploadKey, 'report')
      await this.hooks.checkpoint({ stage: 'hashed' })
    }
    for (;;) {
      this.options.signal?.throwIfAborted()
      const presigned = await this.freshPresign()
      await assertUnchanged(this.target)
      await this.hooks.checkpoint({ stage: 'putStarted', uploadKey: presigned.uploadKey, presignedAt: presigned.presignedAt })
      await this.hooks.beforePut?.()
      const outcome = await this.put(presigned)
      if (outcome.kind === 'ok') return this.done(presigned.uploadKey, 'put')
      const next = await this.afterFailure(outcome, presigned)
      if (next === 'landed') return this.done(presigned.uploadKey, 'report')
    }
  }

  private done(uploadKey: string, confirmedBy: 'put' | 'report'): UploadedRecording {
    const correlationId = this.presigned?.uploadKey === uploadKey ? this.presigned.correlationId : undefined
    return { uploadKey, retries: this.retries, confirmedBy, ...(correlationId ? { correlationId } : {}) }
  }

  private async freshPresign(): Promise<Presigned> {
    const lifetime = this.options.signedUrlTimeoutSeconds ?? 3600
    const current = this.presigned
    if (current && current.presignedAt + lifetime * 1000 - Date.now() > Math.min(EXPIRY_MARGIN_MS, (lifetime * 1000) / 2)) return current
    if (this.presigns >= MAX_PRESIGNS) {
      throw new AppError({
        code: 'timeout',
        message: `${this.target.name}: each presigned upload URL had expired before the upload could start (${MAX_PRESIGNS} tries).`,
        hint: "Check that this computer's clock is right, then retry.",
      })
    }
    this.presigns += 1
    const presigned = await presignUpload(this.options.client, {
      fileName: this.target.uploadName,
      md5Base64: this.target.md5Base64,
      contentType: this.target.contentType,
      signedUrlTimeoutSeconds: lifetime,
      signal: this.options.signal,
      // The API client waits out 429s and 5xx itself: the row counts down those waits too.
      onRetryWait: (wait) =>
        this.hooks.waiting?.({
          attempt: wait.attempt,
          maxAttempts: wait.maxAttempts,
          at: (this.options.now ?? Date.now)() + wait.delayMs,
          reason: `asking for an upload link: ${wait.reason}`,
        }),
    })
    this.retries += presigned.retries
    // Checked before the URL is written into the checkpoint: a link that is never followed is never resumed.
    assertOutboundUrl(presigned.url, this.options.links)
    this.presigned = presigned
    await this.hooks.checkpoint({ stage: 'presigned', uploadKey: presigned.uploadKey, presignedAt: presigned.presignedAt })
    return presigned
  }

  private async put(presigned: Presigned): Promise<PutOutcome> {
    this.attempts += 1
    await this.writeAhead(presigned)
    this.hooks.progress('uploading', 0)
    const outcome = await putObject(this.target.path, this.target.size, presigned, {
      links: this.options.links,
      signal: this.options.signal,
      idleTimeoutMs: this.options.idleTimeoutMs,
      onProgress: (bytes) => this.hooks.progress(bytes >= this.target.size ? 'confirming' : 'uploading', bytes),
    })
    if (outcome.kind === 'ok') this.record(presigned, outcome, 'ok')
    return outcome
  }

  private async writeAhead(presigned: Presigned): Promise<void> {
    try {
      await this.hooks.writeAhead?.({ attempt: this.attempts, uploadKey: presigned.uploadKey })
    } catch (error) {
      throw new AppError({
        code: 'file',
        message: `${this.target.name} was not sent: the audit log could not record the upload first (${error instanceof Error ? error.message : String(error)}).`,
        hint: 'Uploads start only once the audit log has them on disk. Check that the data folder is writable and the disk has free space, then choose "Retry failed".',
      })
    }
  }

  /** Decides what a failed PUT means; returns 'landed' when the report shows the object stored. */
  private async afterFailure(outcome: Exclude<PutOutcome, { kind: 'ok' }>, presigned: Presigned): Promise<'retry' | 'landed'> {
    const signal = this.options.signal
    if (signal?.aborted) {
      this.record(presigned, outcome, 'error', 'stopped')
      if (!outcome.bodySent)
        await this.hooks.checkpoint({ stage: 'presigned', uploadKey: presigned.uploadKey, presignedAt: presigned.presignedAt })
      signal.throwIfAborted()
    }
    if (outcome.kind === 'http') return this.afterHttpError(outcome, presigned)
    if (outcome.shortFile) {
      this.record(presigned, outcome, 'error', 'file shrank')
      throw fileChangedError(this.target.name, 'became shorter while it was being uploaded.')
    }
    const failure = classifyTransportError(outcome.error) ?? 'network'
    if (outcome.bodySent) {
      this.record(presigned, outcome, 'retry', `${failure} after the whole body was sent`)
      this.hooks.progress('confirming', this.target.size)
      if (await this.landed(presigned.uploadKey, presigned.presignedAt)) return 'landed'
    } else {
      this.record(presigned, outcome, 'retry', failure)
    }
    await this.backOff(
      presigned,
      () => transportFailure(this.target.name, failure, outcome.error, this.maxRetries, presigned.correlationId),
      failure === 'timeout' ? 'the storage did not answer in time' : `the connection to the storage failed (${failure})`,
    )
    return 'retry'
  }

  private async afterHttpError(outcome: Extract<PutOutcome, { kind: 'http' }>, presigned: Presigned): Promise<'retry'> {
    const what = `HTTP ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`
    if (outcome.status === 403 && /expired/i.test(outcome.message ?? '')) {
      this.record(presigned, outcome, 'retry', 'presigned URL expired')
      this.presigned = undefined
      this.retries += 1
      await this.hooks.checkpoint({ stage: 'hashed' })
      return 'retry'
    }
    if (outcome.code === 'BadDigest' || outcome.code === 'IncompleteBody') {
      // Both mean the bytes sent were not the bytes hashed: nothing was stored.
      const changed =
        outcome.code === 'BadDigest'
          ? fileChangedError(
              this.target.name,
              'changed while it was being uploaded: the storage refused bytes that did not match the hash (BadDigest).',
            )
          : undefined
      const stillSame = await assertUnchanged(this.target).then(
        () => true,
        () => false,
      )
      if (changed || !stillSame) {
        this.record(presigned, outcome, 'error', outcome.code)
        throw changed ?? fileChangedError(this.target.name, 'changed while it was being uploaded.')
      }
      this.record(presigned, outcome, 'retry', outcome.code)
    } else if (outcome.status < 500) {
      this.record(presigned, outcome, 'error', what)
      throw new AppError({
        code: outcome.status === 403 ? 'forbidden' : 'invalid_input',
        message: `${this.target.name}: the storage refused the upload (${what}${outcome.message ? `: ${outcome.message}` : ''}).`,
        hint: 'This is unexpected for a freshly presigned URL. Retry; if it happens again, report it with the correlation id.',
        status: outcome.status,
        ...(presigned.correlationId ? { correlationId: presigned.correlationId } : {}),
      })
    } else {
      this.record(presigned, outcome, 'retry', what)
    }
    await this.backOff(
      presigned,
      () =>
        new AppError({
          code: 'server_error',
          message: `${this.target.name}: the storage kept failing (${what}) after ${this.maxRetries} retries.`,
          hint: 'Genesys Cloud storage is having trouble. Choose "Retry failed" in a few minutes.',
          status: outcome.status,
          ...(presigned.correlationId ? { correlationId: presigned.correlationId } : {}),
        }),
      `the storage answered ${what}`,
      outcome.retryAfterSeconds,
    )
    return 'retry'
  }

  /** Waits before the next attempt: as long as the storage asked (Retry-After, capped), else a jittered backoff. */
  private async backOff(presigned: Presigned, exhausted: () => AppError, reason: string, retryAfterSeconds?: number): Promise<void> {
    if (this.failures >= this.maxRetries) throw exhausted()
    const delay =
      retryAfterSeconds !== undefined
        ? Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000
        : backoffDelayMs(this.failures, this.options.backoff ?? DEFAULT_BACKOFF)
    this.failures += 1
    this.retries += 1
    await this.hooks.checkpoint({ stage: 'presigned', uploadKey: presigned.uploadKey, presignedAt: presigned.presignedAt })
    const now = this.options.now ?? Date.now
    this.hooks.waiting?.({ attempt: this.failures + 1, maxAttempts: this.maxRetries + 1, at: now() + delay, reason })
    await this.sleep(delay, this.options.signal)
  }

  private async landed(uploadKey: string, presignedAt: number): Promise<boolean> {
    const rows = await readUploadReport(this.options.client, { since: presignedAt, links: this.options.links, signal: this.options.signal })
    const row = rows.get(uploadKey)
    return row?.uploadStatus === 'Success' && (!row.contentMd5 || sameMd5(row.contentMd5, this.target.md5Base64))
  }

  private record(presigned: Presigned, outcome: PutOutcome, result: PutAttempt['outcome'], reason?: string): void {
    const record: PutAttempt = {
      attempt: this.attempts,
      uploadKey: presigned.uploadKey,
      outcome: result,
      latencyMs: outcome.latencyMs,
      bytesSent: outcome.kind === 'ok' ? this.target.size : outcome.bodySent ? this.target.size : 0,
    }
    if (outcome.kind !== 'transport') record.status = outcome.status
    if (reason) record.reason = reason
    this.hooks.attempt(record)
  }
}

function sameMd5(reported: string, md5Base64: string): boolean {
  const hex = /^[0-9a-f]{32}$/i.test(reported) ? reported.toLowerCase() : Buffer.from(reported, 'base64').toString('hex')
  return hex === Buffer.from(md5Base64, 'base64').toString('hex')
}

function transportFailure(name: string, failure: string, error: unknown, retries: number, correlationId?: string): AppError {
  const detail = describeTransportError(error)
  return new AppError({
    code: failure === 'timeout' ? 'timeout' : 'network',
    message: `${name}: the upload kept failing (${failure}: ${detail}) after ${retries} retries.`,
    hint: 'Check the network connection, then choose "Retry failed".',
    ...(correlationId ? { correlationId } : {}),
  })
}
