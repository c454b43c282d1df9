/**
 * One run of a prompt upload job: file, prompt, resource, upload, transcoding, each step once. Every
 * org-changing step is checkpointed as done, and a create is noted as about to be sent before it leaves,
 * so a resumed run (pause, retry, restart) looks up what it may have made instead of making it twice.
 */
import type { AppEventScope } from '../../events/appEventHub'
import type { AuditLog, AuditScope } from '../../audit'
import { appendAuditEntry, auditFailure } from '../../audit'
import { abortableSleep, cancelledError, type GenesysClient } from '../../genesys'
import type { TypedJobContext } from '../../jobs'
import { PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import { AppError } from '../../../../shared/errors'
import {
  createPrompt,
  createPromptResource,
  findPromptByName,
  getPromptResource,
  isConflict,
  updatePromptResource,
  type PromptAsset,
} from '../promptsApi'
import type { ResolvedPrompt } from './batchStore'
import { assertFileUnchanged, readFileFacts } from './fileFacts'
import type { PromptDirectory, ResolveContext } from './promptDirectory'
import { uploadPromptAudio } from './promptUploadApi'
import { firstPollDelayMs, MAX_TRANSCODE_WAIT_MS, nextPollDelayMs } from './transcodeSchedule'
import type { PromptUploadCheckpoint, PromptUploadJob } from './uploadJobKind'

export interface UploadRunDeps {
  client: GenesysClient
  allowedOrigins: readonly string[]
  scope: AuditScope
  audit: AuditLog
  prompts: PromptDirectory
  emitUploaded(
    payload: { promptId: string; language: string; sha256: string; sizeBytes: number; tookMs: number },
    scope: AppEventScope,
  ): void
  /** The job's own copy of a staged file is no longer needed. */
  releaseFile(path: string): Promise<void>
  now(): number
  /** Overrides the first transcoding poll's delay (tests). */
  firstPollMs?: number
}

export type RunStep = 'creating' | 'uploading' | 'transcoding'

export class PromptUploadRun {
  private cp: PromptUploadCheckpoint
  private readonly resumed: PromptUploadCheckpoint
  /** The uploadUri was handed out during this run; one from an earlier run is asked for again (it may have changed). */
  private freshUploadUri = false

  constructor(
    private readonly deps: UploadRunDeps,
    private readonly job: PromptUploadJob,
    private readonly ctx: TypedJobContext<PromptUploadCheckpoint>,
  ) {
    this.resumed = job.checkpoint ?? {}
    this.cp = { ...this.resumed }
  }

  async run(): Promise<void> {
    try {
      await this.steps()
    } catch (error) {
      if (this.ctx.signal.aborted) throw error
      // A failed transcode is audited as such where it is found.
      const audited = this.cp.outcome === 'transcodeFailed'
      if (!audited && !(error instanceof AppError && error.code === 'cancelled'))
        throw auditFailure(this.deps.audit, this.deps.scope, 'prompt.resource.failed', this.target(), this.ids(), error)
      throw error
    }
  }

  private async steps(): Promise<void> {
    const p = this.job.params
    if (this.cp.outcome === 'transcoded' || this.cp.outcome === 'skipped') return
    if (this.cp.outcome === 'transcodeFailed') {
      // A retry after a failed transcode sends the file again.
      this.cp = { ...this.cp, outcome: undefined, uploadedAt: undefined, uploadStartedAt: undefined, uploadStatus: undefined }
      await this.save({})
    }
    if (p.action === 'replace' && !p.replace) {
      await this.skip('The prompt has this language already, and you chose not to replace it.', 'not-chosen')
      return
    }
    this.step('creating', 0)
    if (!this.cp.file) {
      const facts = await readFileFacts(p.path, p.fileName, this.ctx.signal)
      if (facts.size !== p.size)
        throw new AppError({
          code: 'file',
          message: `${p.fileName} changed after the review: its size went from ${p.size} to ${facts.size} bytes. Nothing of it was sent.`,
          hint: 'Review the files again and start a new batch.',
        })
      if (facts.size > PROMPT_LIMITS.maxFileBytes)
        throw new AppError({
          code: 'file',
          message: `${p.fileName} is ${facts.size} bytes; Architect takes prompts of at most ${PROMPT_LIMITS.maxFileBytes} bytes.`,
          hint: 'Shorten the recording, or save it as 8 kHz mono (mu-law or 16-bit PCM).',
        })
      await this.save({ file: facts })
    }
    if (!this.cp.promptId) await this.ensurePrompt()
    if (!this.cp.resourceReady && !(await this.ensureResource())) return
    if (this.cp.uploadedAt === undefined) await this.upload()
    await this.followTranscoding()
  }

  // ---- prompt ----

  private async ensurePrompt(): Promise<void> {
    const p = this.job.params
    const resolved = await this.deps.prompts.resolve(p.batchId, p.promptName, async (context) => {
      if (p.promptId) return { promptId: p.promptId, created: false }
      return this.createOrFind(context)
    })
    if (resolved.first) {
      appendAuditEntry(
        this.deps.audit,
        this.deps.scope,
        resolved.created ? 'prompt.created' : 'prompt.reused',
        `prompts/${p.promptName}`,
        'ok',
        { promptId: resolved.promptId, batchId: p.batchId },
      )
    }
    await this.save({ promptId: resolved.promptId, createdPrompt: resolved.created })
  }

  /** Looks the name up first when a create may have been sent before; else creates, and a 409 means it exists. */
  private async createOrFind(context: ResolveContext): Promise<ResolvedPrompt> {
    const p = this.job.params
    const signal = this.ctx.signal
    if (context.mayExist || this.resumed.promptIntent) {
      const found = await findPromptByName(this.deps.client, p.promptName, signal)
      if (found.prompt) return { promptId: found.prompt.id, created: true }
    }
    await context.noteIntent()
    await this.save({ promptIntent: true })
    try {
      const made = await createPrompt(
        this.deps.client,
        { name: p.promptName, ...(p.description ? { description: p.description } : {}) },
        signal,
      )
      return { promptId: made.data.id, created: true }
    } catch (error) {
      if (!isConflict(error)) throw error
      const found = await findPromptByName(this.deps.client, p.promptName, signal)
      if (found.prompt) return { promptId: found.prompt.id, created: false }
      throw new AppError({
        code: 'conflict',
        message: `Genesys Cloud says a prompt named ${p.promptName} exists, but it cannot be found by name.`,
        hint: 'It may be in a division this OAuth client cannot see. Rename the file, or ask for access to that prompt.',
        ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      })
    }
  }

  // ---- resource ----

  /** False when the item ends skipped (the language exists and is not to be replaced). */
  private async ensureResource(): Promise<boolean> {
    const p = this.job.params
    const promptId = this.cp.promptId!
    const signal = this.ctx.signal
    let asset: PromptAsset
    let replaced = false
    if (p.action === 'replace') {
      asset = await this.existingOrCreate(promptId)
      replaced = true
    } else {
      await this.save({ resourceIntent: true })
      try {
        asset = (await createPromptResource(this.deps.client, promptId, this.resourceBody(), signal)).data
        this.auditResource('prompt.resource.created', { promptId })
      } catch (error) {
        if (!isConflict(error)) throw error
        asset = (await getPromptResource(this.deps.client, promptId, p.language, signal)).data
        // Not this job's own create from before a stop: the language appeared since the review.
        if (!this.resumed.resourceIntent) {
          await this.skip('The prompt got this language after the review; it was not replaced.', 'exists')
          return false
        }
      }
    }
    asset = await this.withTts(promptId, asset)
    if (replaced) this.auditResource('prompt.resource.replaced', { promptId, previousStatus: asset.uploadStatus ?? null })
    const uploadUri = asset.uploadUri ?? (await getPromptResource(this.deps.client, promptId, p.language, signal)).data.uploadUri
    if (!uploadUri)
      throw new AppError({
        code: 'server_error',
        message: `Genesys Cloud gave no upload address for ${p.promptName} (${p.language}).`,
        hint: 'Retry in a moment; if it persists, give support the correlation id from the audit log.',
      })
    await this.save({ resourceReady: true, replaced, uploadUri, uploadStatus: asset.uploadStatus })
    this.freshUploadUri = true
    return true
  }

  private async existingOrCreate(promptId: string): Promise<PromptAsset> {
    const p = this.job.params
    try {
      return (await getPromptResource(this.deps.client, promptId, p.language, this.ctx.signal)).data
    } catch (error) {
      if (!(error instanceof AppError && error.status === 404)) throw error
      // Removed since the review: made anew.
      return (await createPromptResource(this.deps.client, promptId, this.resourceBody(), this.ctx.signal)).data
    }
  }

  /** The TTS text goes with the create; a resource that existed gets it by PUT. */
  private async withTts(promptId: string, asset: PromptAsset): Promise<PromptAsset> {
    const p = this.job.params
    if (!p.ttsText || asset.ttsString === p.ttsText) return asset
    const updated = await updatePromptResource(this.deps.client, promptId, p.language, { ttsString: p.ttsText }, this.ctx.signal)
    return { ...updated.data, uploadUri: updated.data.uploadUri ?? asset.uploadUri }
  }

  private resourceBody() {
    const p = this.job.params
    return { language: p.language, ...(p.ttsText ? { ttsString: p.ttsText } : {}) }
  }

  // ---- upload ----

  private async upload(): Promise<void> {
    const p = this.job.params
    const file = this.cp.file!
    if (!this.freshUploadUri) {
      const asset = (await getPromptResource(this.deps.client, this.cp.promptId!, p.language, this.ctx.signal)).data
      if (asset.uploadUri) await this.save({ uploadUri: asset.uploadUri })
    }
    if (this.cp.uploadStartedAt === undefined) await this.save({ uploadStartedAt: this.deps.now() })
    this.step('uploading', 0)
    const result = await uploadPromptAudio(
      this.deps.client,
      this.cp.uploadUri!,
      { path: p.path, size: file.size, fileName: p.fileName },
      {
        allowedOrigins: this.deps.allowedOrigins,
        signal: this.ctx.signal,
        onProgress: (bytes) => this.step('uploading', bytes),
        onRetryWait: (wait) =>
          this.ctx.progress({
            step: 'uploading',
            doneBytes: 0,
            totalBytes: file.size,
            retry: { attempt: wait.attempt, maxAttempts: wait.maxAttempts, at: new Date(wait.at).toISOString(), reason: wait.reason },
          }),
        beforeAttempt: async (attempt) => {
          await assertFileUnchanged(p.path, p.fileName, file, this.ctx.signal)
          await this.deps.audit.appendDurable({
            ...this.deps.scope,
            action: 'prompt.resource.upload.intent',
            target: this.target(),
            outcome: 'pending',
            detail: { ...this.ids(), attempt, bytes: file.size, sha256: file.sha256 },
          })
        },
      },
    )
    appendAuditEntry(
      this.deps.audit,
      this.deps.scope,
      'prompt.resource.uploaded',
      this.target(),
      'ok',
      { ...this.ids(), bytes: file.size, sha256: file.sha256, attempts: result.attempts },
      result.correlationId,
    )
    await this.save({ uploadedAt: this.deps.now(), uploadStatus: 'uploaded' })
  }

  // ---- transcoding ----

  private async followTranscoding(): Promise<void> {
    const p = this.job.params
    const file = this.cp.file!
    const uploadedAt = this.cp.uploadedAt!
    this.step('transcoding', file.size)
    let wait = (this.deps.firstPollMs ?? firstPollDelayMs(file.size)) - (this.deps.now() - uploadedAt)
    for (let polls = 1; ; polls++) {
      if (wait > 0) await abortableSleep(wait, this.ctx.signal).catch(() => Promise.reject(cancelledError()))
      const asset = (await getPromptResource(this.deps.client, this.cp.promptId!, p.language, this.ctx.signal)).data
      const status = asset.uploadStatus
      if (status === 'transcoded') return this.transcoded(asset)
      if (status === 'transcodeFailed') return this.transcodeFailed()
      if (status !== this.cp.uploadStatus) await this.save({ uploadStatus: status })
      if (this.deps.now() - uploadedAt >= MAX_TRANSCODE_WAIT_MS)
        throw new AppError({
          code: 'timeout',
          message: `${p.promptName} (${p.language}) was uploaded but is still ${status ?? 'not transcoded'} after ${MAX_TRANSCODE_WAIT_MS / 60_000} minutes.`,
          hint: 'Genesys Cloud may be slow to transcode right now: retry later to look again (the file is not sent again), or check the prompt in Architect.',
        })
      wait = Math.min(nextPollDelayMs(polls), uploadedAt + MAX_TRANSCODE_WAIT_MS - this.deps.now())
    }
  }

  private async transcoded(asset: PromptAsset): Promise<void> {
    const p = this.job.params
    const file = this.cp.file!
    await this.save({ outcome: 'transcoded', uploadStatus: 'transcoded', durationSeconds: asset.durationSeconds })
    appendAuditEntry(this.deps.audit, this.deps.scope, 'prompt.resource.transcoded', this.target(), 'ok', {
      ...this.ids(),
      durationSeconds: asset.durationSeconds ?? null,
    })
    const tookMs = Math.max(0, this.deps.now() - (this.cp.uploadStartedAt ?? this.cp.uploadedAt ?? this.deps.now()))
    this.deps.emitUploaded(
      { promptId: this.cp.promptId!, language: p.language, sha256: file.sha256, sizeBytes: file.size, tookMs },
      this.deps.scope,
    )
    if (p.owned) await this.deps.releaseFile(p.path)
  }

  private async transcodeFailed(): Promise<void> {
    const p = this.job.params
    await this.save({ outcome: 'transcodeFailed', uploadStatus: 'transcodeFailed' })
    throw auditFailure(
      this.deps.audit,
      this.deps.scope,
      'prompt.resource.transcodeFailed',
      this.target(),
      this.ids(),
      new AppError({
        code: 'invalid_input',
        message: `Genesys Cloud could not transcode ${p.fileName} for ${p.promptName} (${p.language}).`,
        hint: 'The file is not audio Architect can read (a damaged or unusual WAV). Export it again as PCM 16-bit or mu-law WAV, then upload it in a new batch.',
      }),
    )
  }

  // ---- helpers ----

  private async skip(reason: string, code: string): Promise<void> {
    await this.save({ outcome: 'skipped', skipReason: reason })
    appendAuditEntry(this.deps.audit, this.deps.scope, 'prompt.resource.skipped', this.target(), 'skipped', { ...this.ids(), reason: code })
    if (this.job.params.owned) await this.deps.releaseFile(this.job.params.path)
  }

  private auditResource(action: string, detail: Record<string, string | number | boolean | null>): void {
    appendAuditEntry(this.deps.audit, this.deps.scope, action, this.target(), 'ok', { ...this.ids(), ...detail })
  }

  private step(step: RunStep, doneBytes: number): void {
    this.ctx.progress({ step, doneBytes, totalBytes: this.cp.file?.size ?? this.job.params.size })
  }

  private async save(patch: Partial<PromptUploadCheckpoint>): Promise<void> {
    this.cp = { ...this.cp, ...patch }
    await this.ctx.checkpoint(this.cp)
  }

  private target(): string {
    return `prompts/${this.job.params.promptName}/${this.job.params.language}`
  }

  private ids(): Record<string, string> {
    return {
      jobId: this.job.id,
      batchId: this.job.params.batchId,
      language: this.job.params.language,
      ...(this.cp.promptId ? { promptId: this.cp.promptId } : {}),
    }
  }
}
