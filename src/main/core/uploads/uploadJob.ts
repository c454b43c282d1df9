/**
 * The job handler of one recording upload: validate, hash, skip a duplicate, upload, confirm, audit.
 * Each step's result is checkpointed before the next step starts (see UploadCheckpoint), so a job
 * resumed after a pause, a failure or a crash continues where it stood and does nothing twice.
 */
import type { RecordingUploadedPayload, UploadSettings } from '../../../shared/contract/uploads'
import type { AppEventScope } from '../events/appEventHub'
import { AppError, toAppError } from '../../../shared/errors'
import type { AuditLog } from '../audit'
import type { GenesysClient } from '../genesys'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../jobs'
import type { OutboundUrlRule } from '../net/outboundUrl'
import type { UploadTuning } from '../types'
import { AUDIO_TYPE_INFO } from './audioTypes'
import type { DuplicateIndex } from './duplicates'
import { isFileChangedError } from './fileChanges'
import type { FinalEntryLookup } from './finalEntries'
import type { HashPool } from './hashing/hashPool'
import type { OrgDirectory, OrgIdentity } from './orgDirectory'
import { hashedFacts, UPLOAD_JOB_KIND, UploadCheckpoint, UploadJobParams } from './uploadJobTypes'
import { safeUploadName } from './uploadNames'
import { uploadRecording, type PutAttempt, type UploadPoint } from './uploadRecording'
import { validateFile } from './validate'

export type { UploadTuning }

export interface UploadJobDeps {
  clientFor(profileId: string): { client: GenesysClient; profileName: string; links: OutboundUrlRule }
  audit: AuditLog
  hashes: HashPool
  duplicates: DuplicateIndex
  finals: FinalEntryLookup
  orgs: OrgDirectory
  settings(): UploadSettings
  emitUploaded(payload: RecordingUploadedPayload, scope: AppEventScope): void
  tuning?: UploadTuning
  /** The core's clock (epoch ms): when a retry is due. */
  now?: () => number
}

/** The upload job kind: a stored job whose params or checkpoint fail their schemas is damaged, not run. */
export function createUploadJobKind(deps: UploadJobDeps, concurrency: number): JobKind {
  return defineJobKind({
    kind: UPLOAD_JOB_KIND,
    params: UploadJobParams,
    checkpoint: UploadCheckpoint,
    concurrency,
    handler: (job, ctx) => new UploadJobRun(deps, job, ctx).run(),
  })
}

type Hashed = NonNullable<ReturnType<typeof hashedFacts>>

class UploadJobRun {
  private readonly params: UploadJobParams
  private cp: UploadCheckpoint
  private readonly resumedAt: UploadCheckpoint['stage']
  private readonly started = performance.now()
  private profileName = ''
  private links: OutboundUrlRule = {}
  private org: OrgIdentity = { id: '', name: '' }
  private release: (() => void) | undefined
  /** The name the API gets; the audit log's target stays the local name. */
  private readonly uploadName: string

  constructor(
    private readonly deps: UploadJobDeps,
    private readonly job: StoredJob<UploadJobParams, UploadCheckpoint>,
    private readonly ctx: TypedJobContext<UploadCheckpoint>,
  ) {
    this.params = job.params
    this.cp = job.checkpoint ?? { stage: 'new' }
    this.resumedAt = this.cp.stage
    this.uploadName = job.params.uploadName ?? safeUploadName(job.params.name)
  }

  async run(): Promise<void> {
    if (this.cp.stage === 'done') return
    try {
      const { client, profileName, links } = this.deps.clientFor(this.params.profileId)
      this.profileName = profileName
      this.links = links
      this.org = await this.deps.orgs.identify(client)
      if (this.cp.stage !== 'finishing') await this.settle(client)
      await this.finish()
    } catch (error) {
      await this.failed(error)
      throw error
    } finally {
      this.release?.()
    }
  }

  /** Hash (unless done before), then skip a duplicate or upload; ends in 'finishing'. */
  private async settle(client: GenesysClient): Promise<void> {
    const hashed = hashedFacts(this.cp) ?? (await this.validateAndHash())
    // After a PUT that may have landed, the report decides, not the index.
    if (!this.params.force && this.cp.stage !== 'putStarted') {
      const claim = await this.deps.duplicates.claim(this.org.id, hashed.sha256, this.ctx.signal)
      if (claim.kind === 'claimed') {
        this.release = claim.release
      } else if (claim.previous.jobId === this.job.id) {
        await this.save({ ...this.cp, stage: 'finishing', outcome: 'uploaded', uploadKey: claim.previous.uploadKey })
        return
      } else {
        const { uploadKey, fileName, uploadedAt } = claim.previous
        await this.save({ ...this.cp, stage: 'finishing', outcome: 'skipped', duplicateOf: { uploadKey, fileName, uploadedAt } })
        return
      }
    }
    await this.upload(client, hashed)
  }

  private async validateAndHash(): Promise<Hashed> {
    const { path, name, size } = this.params
    this.ctx.progress({ step: 'hashing', doneBytes: 0, totalBytes: size })
    const checked = await validateFile(path, this.deps.settings())
    if (!checked.ok) {
      throw new AppError({ code: 'file', message: `${name} ${checked.refusal.message}.`, hint: checked.refusal.hint })
    }
    const digest = await this.deps.hashes.hashFile(path, {
      signal: this.ctx.signal,
      onProgress: (bytes) => this.ctx.progress({ step: 'hashing', doneBytes: bytes, totalBytes: checked.file.size }),
    })
    const hashed: Hashed = { size: digest.size, mtimeMs: digest.mtimeMs, sha256: digest.sha256, md5Base64: digest.md5Base64 }
    await this.save({ stage: 'hashed', ...hashed })
    this.audit('recording.upload.started', 'ok', {
      size: hashed.size,
      sha256: hashed.sha256,
      type: this.params.type,
      ...(this.params.durationSeconds !== undefined ? { durationSeconds: this.params.durationSeconds } : {}),
      ...this.metadataDetail(),
    })
    return hashed
  }

  private async upload(client: GenesysClient, hashed: Hashed): Promise<void> {
    const { path, name, type } = this.params
    this.ctx.progress({ step: 'uploading', doneBytes: 0, totalBytes: hashed.size })
    const resume: UploadPoint | undefined =
      this.cp.stage === 'putStarted' && this.cp.uploadKey && this.cp.presignedAt !== undefined
        ? { stage: 'putStarted', uploadKey: this.cp.uploadKey, presignedAt: this.cp.presignedAt }
        : undefined
    const tuning = this.deps.tuning ?? {}
    const uploaded = await uploadRecording(
      {
        path,
        name,
        uploadName: this.uploadName,
        size: hashed.size,
        mtimeMs: hashed.mtimeMs,
        contentType: AUDIO_TYPE_INFO[type].mime,
        md5Base64: hashed.md5Base64,
      },
      {
        client,
        links: this.links,
        signal: this.ctx.signal,
        signedUrlTimeoutSeconds: tuning.signedUrlTimeoutSeconds,
        backoff: tuning.backoff,
        now: this.deps.now,
      },
      {
        checkpoint: (point) => this.save({ ...this.withoutUpload(), ...point }),
        progress: (step, bytes) => this.ctx.progress({ step, doneBytes: bytes, totalBytes: hashed.size }),
        attempt: (record) => this.auditAttempt(record),
        waiting: (wait) =>
          this.ctx.progress({
            step: 'uploading',
            doneBytes: 0,
            totalBytes: hashed.size,
            retry: { attempt: wait.attempt, maxAttempts: wait.maxAttempts, at: new Date(wait.at).toISOString(), reason: wait.reason },
          }),
        writeAhead: async (intent) => {
          await this.deps.audit.appendDurable({
            ...this.auditBase('recording.upload.put.intent', 'pending'),
            detail: { ...this.ids(), uploadKey: intent.uploadKey, attempt: intent.attempt },
          })
        },
        beforePut: tuning.beforePut ? () => tuning.beforePut!(this.job.id) : undefined,
      },
      resume,
    )
    await this.save({
      ...this.cp,
      stage: 'finishing',
      outcome: 'uploaded',
      uploadKey: uploaded.uploadKey,
      confirmedBy: uploaded.confirmedBy,
      retries: uploaded.retries,
      latencyMs: Math.round(performance.now() - this.started),
      ...(uploaded.correlationId ? { correlationId: uploaded.correlationId } : {}),
    })
  }

  /** Audit entry, index and event exactly once, then 'done'. */
  private async finish(): Promise<void> {
    const cp = this.cp
    const facts = hashedFacts(cp)
    if (!facts)
      throw new AppError({
        code: 'internal',
        message: 'An upload reached its last step without a hash.',
        hint: 'Cancel it and add the file again.',
      })
    // A skipped duplicate sent nothing and waits for no storage: its row stays at its hashed step until 'done'.
    if (cp.outcome === 'uploaded') this.ctx.progress({ step: 'confirming', doneBytes: facts.size, totalBytes: facts.size })
    const uploadedAt = new Date().toISOString()
    if (cp.outcome === 'uploaded' && cp.uploadKey) {
      await this.deps.duplicates.record({
        orgId: this.org.id,
        sha256: facts.sha256,
        uploadKey: cp.uploadKey,
        fileName: this.params.name,
        jobId: this.job.id,
        uploadedAt,
      })
    }
    const alreadyWritten = this.resumedAt === 'finishing' && (await this.deps.finals.has(this.job.id))
    if (!alreadyWritten) {
      if (cp.outcome === 'uploaded') this.auditCompleted(cp, facts, uploadedAt)
      else this.auditSkipped(cp, facts)
      await this.deps.audit.flush()
    }
    await this.save({ ...cp, stage: 'done', finishedAt: uploadedAt })
  }

  private auditCompleted(cp: UploadCheckpoint, facts: Hashed, uploadedAt: string): void {
    const uploadKey = cp.uploadKey as string
    const retries = cp.retries ?? 0
    const latencyMs = cp.latencyMs ?? 0
    this.deps.audit.append({
      ...this.auditBase('recording.upload.completed', 'ok'),
      latencyMs,
      ...(cp.correlationId ? { correlationId: cp.correlationId } : {}),
      detail: {
        ...this.ids(),
        uploadKey,
        size: facts.size,
        sha256: facts.sha256,
        retries,
        confirmedBy: cp.confirmedBy ?? 'put',
        forced: this.params.force,
        ...this.metadataDetail(),
      },
    })
    const { profile, org } = this.auditBase('recording.uploaded', 'ok')
    this.deps.emitUploaded(
      {
        jobId: this.job.id,
        batchId: this.params.batchId,
        profileId: this.params.profileId,
        orgId: this.org.id,
        uploadKey,
        size: facts.size,
        sha256: facts.sha256,
        contentMd5: facts.md5Base64,
        contentType: AUDIO_TYPE_INFO[this.params.type].mime,
        latencyMs: Math.round(latencyMs),
        retries,
        uploadedAt,
      },
      { profile, org },
    )
  }

  private auditSkipped(cp: UploadCheckpoint, facts: Hashed): void {
    const previous = cp.duplicateOf
    this.audit('recording.upload.skipped', 'skipped', {
      reason: 'duplicate',
      size: facts.size,
      sha256: facts.sha256,
      previousUploadKey: previous?.uploadKey ?? null,
      previousUploadedAt: previous?.uploadedAt ?? null,
    })
  }

  /** One entry per failure; a stop asked for (pause, cancel, shutdown) is not a failure. */
  private async failed(error: unknown): Promise<void> {
    if (this.ctx.signal.aborted) return
    if (isFileChangedError(error)) await this.save({ stage: 'new' }).catch(() => undefined)
    const appError = toAppError(error)
    this.deps.audit.append({
      ...this.auditBase('recording.upload.failed', 'error'),
      latencyMs: Math.round(performance.now() - this.started),
      ...(appError.correlationId ? { correlationId: appError.correlationId } : {}),
      detail: {
        ...this.ids(),
        code: appError.code,
        status: appError.status ?? null,
        reason: appError.message.slice(0, 500),
        sha256: this.cp.sha256 ?? null,
      },
    })
    await this.deps.audit.flush().catch(() => undefined)
  }

  private auditAttempt(record: PutAttempt): void {
    this.deps.audit.append({
      ...this.auditBase('recording.upload.put', record.outcome),
      latencyMs: record.latencyMs,
      detail: {
        ...this.ids(),
        uploadKey: record.uploadKey,
        attempt: record.attempt,
        status: record.status ?? null,
        bytesSent: record.bytesSent,
        ...(record.reason ? { reason: record.reason } : {}),
      },
    })
  }

  private audit(action: string, outcome: 'ok' | 'skipped', detail: Record<string, string | number | boolean | null>): void {
    this.deps.audit.append({ ...this.auditBase(action, outcome), detail: { ...this.ids(), ...detail } })
  }

  private auditBase(action: string, outcome: 'ok' | 'error' | 'retry' | 'skipped' | 'pending') {
    return { profile: this.profileName, org: this.org.name, action, target: this.params.name, outcome }
  }

  private ids() {
    return { jobId: this.job.id, batchId: this.params.batchId, uploadName: this.uploadName }
  }

  private metadataDetail() {
    const { department, complianceTag, retentionDirective } = this.params.metadata
    return { department, complianceTag, retentionDirective }
  }

  /** The hashed facts without anything of an earlier presign or PUT. */
  private withoutUpload(): UploadCheckpoint {
    const { stage: _stage, uploadKey: _key, presignedAt: _at, ...rest } = this.cp
    return { ...rest, stage: 'hashed' }
  }

  private async save(cp: UploadCheckpoint): Promise<void> {
    this.cp = cp
    await this.ctx.checkpoint(cp)
  }
}
