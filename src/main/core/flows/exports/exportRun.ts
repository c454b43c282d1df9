/**
 * One export, as its durable job runs it: read the flows' names, submit the platform's export job once
 * (its id is checkpointed before the first poll, so a restart polls the same job), poll it with a growing,
 * capped wait until Success or Failure, then download the file through outboundHttp and save it beside
 * the archive with its SHA-256. Each step that changes the view is saved and announced.
 */
import { basename } from 'node:path'
import { AppError, toAppError } from '../../../../shared/errors'
import { appendAuditEntry, scopeOfOrigin, type AuditDetail } from '../../audit'
import type { GenesysClient } from '../../genesys'
import { abortableSleep } from '../../genesys/sleep'
import type { StoredJob, TypedJobContext } from '../../jobs'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import type { WorkflowServices } from '../../workflow'
import { getFlow } from '../browse'
import {
  downloadRefused,
  exporterFailure,
  exporterMessages,
  exportJobGone,
  exportNeverFinished,
  withExportPermission,
} from './exportErrors'
import { exportFileName } from './exportFileName'
import type { ExportCheckpoint, ExportJobParams } from './exportJob'
import { pollDelayMs, type ExportPolling } from './exportPolling'
import { FINAL_EXPORT_STATES, type ExportRecord } from './exportRecord'
import type { ExportStore } from './exportStore'
import { getFlowExportJob, postFlowExportJob, type FlowExportJob } from './flowExportApi'
import { fetchExport, placeExport } from './saveExport'

export interface ExportRunDeps {
  services: WorkflowServices
  store: ExportStore
  polling: ExportPolling
  /** Saves nothing: announces the record's view (the caller saved it). */
  changed(record: ExportRecord): void
}

type Ctx = TypedJobContext<ExportCheckpoint>

export async function runExport(deps: ExportRunDeps, job: StoredJob<ExportJobParams, ExportCheckpoint>, ctx: Ctx): Promise<void> {
  const record = deps.store.get(job.params.exportId)
  if (!record)
    throw new AppError({
      code: 'not_found',
      message: 'The record of this export is missing from the data folder.',
      hint: 'Cancel this job and export the flows again.',
    })
  if (FINAL_EXPORT_STATES.has(record.state)) return
  const run = new ExportSteps(deps, record, ctx)
  try {
    await run.readNames()
    const platformJobId = job.checkpoint?.platformJobId ?? record.platformJobId ?? (await run.submit())
    const finished = await run.pollUntilFinished(platformJobId)
    await run.save(finished)
  } catch (error) {
    // A pause, cancel or quit: the runner records it, and a resumed run picks up the same platform job.
    if (ctx.signal.aborted) throw ctx.signal.reason ?? error
    throw await run.fail(error)
  }
}

class ExportSteps {
  private readonly client: GenesysClient
  private readonly links: OutboundUrlRule

  constructor(
    private readonly deps: ExportRunDeps,
    private readonly record: ExportRecord,
    private readonly ctx: Ctx,
  ) {
    const connection = deps.services.connections.clientFor(record.profileId)
    this.client = connection.client
    this.links = connection.links
  }

  /** Names make the file name and the list readable; a flow that cannot be read keeps its id (the export says why). */
  async readNames(): Promise<void> {
    if (this.record.flowNames.length === this.record.flowIds.length) return
    const names: string[] = []
    for (const flowId of this.record.flowIds) {
      const flow = await getFlow(this.client, flowId, this.ctx.signal).catch(() => undefined)
      names.push(flow?.data.name ?? flowId)
    }
    await this.update({ flowNames: names })
  }

  async submit(): Promise<string> {
    this.ctx.progress({ step: 'Submitting the export job' })
    const answer = await postFlowExportJob(this.client, this.record.flowIds, this.record.exportType, this.ctx.signal).catch(
      (error: unknown) => {
        throw withExportPermission(error, 'architect:jobExport:create', 'start a flow export')
      },
    )
    const platformJobId = answer.data.id
    // On disk before the first poll: a restart from here on polls this job and never submits another.
    await this.ctx.checkpoint({ platformJobId })
    await this.update({ platformJobId, state: 'Registered' })
    this.audit(
      'flows.export.submitted',
      'ok',
      { flows: this.record.flowIds.length, exportType: this.record.exportType },
      answer.correlationId,
    )
    return platformJobId
  }

  async pollUntilFinished(platformJobId: string): Promise<{ job: FlowExportJob; correlationId?: string }> {
    const { polling } = this.deps
    let correlationId: string | undefined
    for (;;) {
      const answer = await getFlowExportJob(this.client, platformJobId, this.ctx.signal).catch((error: unknown) => {
        const failure = toAppError(error)
        if (failure.status === 404) throw exportJobGone(platformJobId, failure)
        throw withExportPermission(failure, 'architect:jobExport:view', 'show the export job')
      })
      correlationId = answer.correlationId
      const { status } = answer.data
      const messages = exporterMessages(answer.data)
      const changed = status !== this.record.state || messages.join('\n') !== this.record.messages.join('\n')
      await this.update({
        state: status,
        messages,
        polls: this.record.polls + 1,
        unchangedPolls: changed ? 0 : this.record.unchangedPolls + 1,
      })
      if (status === 'Success') return { job: answer.data, correlationId }
      if (status === 'Failure') throw exporterFailure(messages, correlationId)
      if (this.record.polls >= polling.maxPolls) throw exportNeverFinished(this.record.polls, status, correlationId)
      const waitMs = pollDelayMs(this.record.unchangedPolls, polling)
      this.ctx.progress({ step: `Export job ${status}; checking again in ${Math.ceil(waitMs / 1000)} s` })
      await abortableSleep(waitMs, this.ctx.signal)
    }
  }

  async save(finished: { job: FlowExportJob; correlationId?: string }): Promise<void> {
    await this.update({ state: 'saving' })
    this.ctx.progress({ step: 'Downloading the export' })
    let job = finished.job
    // A link can expire between the poll and the download (or while the app was closed): one fresh read then.
    for (let round = 1; ; round++) {
      if (!job.downloadUrl)
        throw new AppError({
          code: 'server_error',
          message: 'Genesys Cloud reported the export as done but gave no download link.',
          hint: 'Export again; if it keeps happening, give Genesys support the correlation id.',
          ...(finished.correlationId ? { correlationId: finished.correlationId } : {}),
        })
      const fetched = await fetchExport({
        url: job.downloadUrl,
        links: this.links,
        folder: this.record.folder,
        exportId: this.record.id,
        exportType: this.record.exportType,
        signal: this.ctx.signal,
      })
      if (fetched.ok) {
        const name = exportFileName(this.names(), this.record.exportType, this.deps.services.now(), fetched.extension)
        const path = await placeExport(fetched.file, name)
        await this.update({
          state: 'saved',
          path,
          sizeBytes: fetched.file.bytes,
          sha256: fetched.file.sha256,
          finishedAt: this.deps.services.now().toISOString(),
        })
        this.audit(
          'flows.export.saved',
          'ok',
          { file: basename(path), bytes: fetched.file.bytes, sha256: fetched.file.sha256, exportType: this.record.exportType },
          finished.correlationId,
        )
        await this.deps.services.audit.flush()
        return
      }
      if (fetched.status !== 403 || round > 1) throw downloadRefused(fetched.status, hostOf(job.downloadUrl), fetched.body)
      job = (await getFlowExportJob(this.client, this.record.platformJobId ?? '', this.ctx.signal)).data
    }
  }

  /** Records the failure on the export (reason, correlation id, hint), audits it, and returns it for the job. */
  async fail(error: unknown): Promise<AppError> {
    const failure = toAppError(error)
    await this.update({ state: 'failed', error: failure.toData(), finishedAt: this.deps.services.now().toISOString() })
    this.audit(
      'flows.export.failed',
      'error',
      { code: failure.code, status: failure.status ?? null, messages: this.record.messages.length, exportType: this.record.exportType },
      failure.correlationId,
    )
    await this.deps.services.audit.flush()
    return failure
  }

  private names(): string[] {
    return this.record.flowNames.length === this.record.flowIds.length ? this.record.flowNames : this.record.flowIds
  }

  private async update(patch: Partial<ExportRecord>): Promise<void> {
    Object.assign(this.record, patch)
    await this.deps.store.save()
    this.deps.changed(this.record)
  }

  private audit(action: string, outcome: 'ok' | 'error', detail: AuditDetail, correlationId?: string): void {
    const target = this.record.platformJobId ? `flows/export/jobs/${this.record.platformJobId}` : 'flows/export/jobs'
    appendAuditEntry(this.deps.services.audit, scopeOfOrigin(this.record), action, target, outcome, detail, correlationId)
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the download host'
  }
}
