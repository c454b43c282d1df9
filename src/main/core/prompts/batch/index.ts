/**
 * A batch of prompt uploads: one durable job per reviewed item (see uploadRun.ts), at most `concurrency`
 * at once (the settings), paused, resumed, cancelled and retried through the generic job controls.
 * Batches are kept in a small file, so the list survives a restart; clear removes finished ones.
 */
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobView } from '../../../../shared/api'
import {
  PROMPT_LIMITS,
  PROMPT_SETTINGS_DEFAULTS,
  PromptSettings,
  promptBatchMethods,
  type PromptBatchView,
  type PromptPlan,
  type PromptUploadView,
} from '../../../../shared/contract/prompts'
import { AppError } from '../../../../shared/errors'
import { appendAuditEntry } from '../../audit'
import type { StoredJob } from '../../jobs'
import type { WorkflowServices } from '../../workflow'
import type { PromptPart } from '../promptPart'
import { BatchFiles } from './batchFiles'
import { BatchSignals } from './batchSignals'
import { openPromptBatchStore, type PromptBatch } from './batchStore'
import { isFinishedState, toBatchView, toUploadView } from './batchViews'
import { PromptDirectory } from './promptDirectory'
import { allowedUploadOrigins } from './uploadOrigin'
import { PromptUploadRun } from './uploadRun'
import {
  createPromptUploadJobKind,
  isPromptUploadParams,
  PROMPT_UPLOAD_JOB_KIND,
  type PromptUploadJob,
  type PromptUploadParams,
} from './uploadJobKind'

const RETRYABLE = new Set<string>(['failed', 'transcodeFailed', 'cancelled'])

export const PROMPT_SETTINGS_KEY = 'prompts'

/** What the batch part needs of the plan part: a reviewed plan by its id (kept in memory for a while). */
export interface BatchHooks {
  planOf(planId: string): PromptPlan | undefined
}

export async function createBatchPart(services: WorkflowServices, hooks: BatchHooks): Promise<PromptPart<typeof promptBatchMethods>> {
  const batches = await openPromptBatchStore(join(services.dataDir, 'prompts'))
  const settings = services.settingsSlice(PROMPT_SETTINGS_KEY, PromptSettings, PROMPT_SETTINGS_DEFAULTS)
  const files = new BatchFiles(services.dataDir)
  const directory = new PromptDirectory(batches)

  const uploadJobs = (): PromptUploadJob[] =>
    services
      .jobStore()
      .list()
      .filter((job): job is PromptUploadJob => job.kind === PROMPT_UPLOAD_JOB_KIND && isPromptUploadParams(job.params))
  const live = (job: StoredJob) => services.jobs().get(job.id) ?? { state: job.state, progress: job.progress, error: job.error }
  const viewOf = (job: PromptUploadJob, revision: number): PromptUploadView => toUploadView(job, live(job), revision)
  const viewById = (id: string, revision: number): PromptUploadView | undefined => {
    const job = services.jobStore().get(id)
    return job && job.kind === PROMPT_UPLOAD_JOB_KIND && isPromptUploadParams(job.params)
      ? viewOf(job as PromptUploadJob, revision)
      : undefined
  }
  const batchView = (batch: PromptBatch): PromptBatchView =>
    toBatchView(
      batch,
      uploadJobs()
        .filter((job) => job.params.batchId === batch.id)
        .map((job) => viewOf(job, signals.revisionOf(job.id))),
    )
  const signals: BatchSignals = new BatchSignals({
    view: viewById,
    emitUpload: (view) => services.events.emit('prompts.upload.changed', view),
    emitBatch: (batchId) => services.events.emit('prompts.batch.changed', { batchId }),
  })

  /** A copy is deleted only when no unfinished job of any batch still reads it. */
  const releaseFile = async (path: string, exceptJobId?: string) => {
    const needed = uploadJobs().some((job) => job.id !== exceptJobId && job.params.path === path && !isFinishedState(viewOf(job, 0).state))
    if (!needed) await files.release([path])
  }

  const jobKind = createPromptUploadJobKind(settings.get().concurrency, async (job, ctx) => {
    const { client, profile } = services.connections.clientFor(job.params.profileId)
    const scope = await services.scope(job.params.profileId)
    const run = new PromptUploadRun(
      {
        client,
        allowedOrigins: allowedUploadOrigins(profile),
        scope,
        audit: services.audit,
        prompts: directory,
        emitUploaded: (payload, eventScope) => services.appEvents.emit('prompt.uploaded', payload, eventScope),
        releaseFile: (path) => releaseFile(path, job.id),
        now: () => services.now().getTime(),
        firstPollMs: services.tuning.promptTuning?.firstPollMs,
      },
      job,
      ctx,
    )
    await run.run()
  })

  const onJob = (view: JobView) => {
    if (view.kind === PROMPT_UPLOAD_JOB_KIND) signals.changed(view.id)
  }
  let stopListening: (() => void) | undefined

  async function start(input: { planId: string; replace: string[]; exclude: string[] }): Promise<PromptBatchView> {
    const plan = hooks.planOf(input.planId)
    if (!plan)
      throw new AppError({
        code: 'not_found',
        message: 'This review is no longer known (reviews are kept for an hour, and only the last 20).',
        hint: 'Review the files again, then start the batch.',
      })
    const profileId = services.profiles.activeId()
    services.connections.clientFor(profileId)
    const excluded = new Set(input.exclude)
    const replace = new Set(input.replace)
    const items = plan.items.filter((item) => item.action !== 'refused' && !excluded.has(item.key))
    if (items.length === 0)
      throw new AppError({
        code: 'invalid_input',
        message: 'Nothing in this review can be uploaded.',
        hint: 'Add WAV files Architect accepts.',
      })
    if (items.length > PROMPT_LIMITS.maxBatchItems)
      throw new AppError({
        code: 'invalid_input',
        message: `A batch holds at most ${PROMPT_LIMITS.maxBatchItems} files; this one has ${items.length}.`,
        hint: 'Split the files into smaller batches.',
      })
    const batch: PromptBatch = {
      id: randomUUID(),
      createdAt: services.now().toISOString(),
      profileId,
      planId: plan.id,
      defaultLanguage: plan.defaultLanguage,
      prompts: {},
      createIntents: [],
    }
    await batches.put(batch)
    const scope = await services.scope(profileId)
    const adopted = new Map<string, string>()
    for (const item of items) {
      let path = item.path
      let owned = false
      if (adopted.has(item.path)) {
        path = adopted.get(item.path)!
        owned = true
      } else if (files.isStaged(item.path)) {
        path = await files.adopt(item.path)
        adopted.set(item.path, path)
        owned = true
      }
      const size = owned ? (await stat(path)).size : item.size
      const params: PromptUploadParams = {
        batchId: batch.id,
        profileId,
        key: item.key,
        path,
        owned,
        fileName: item.fileName,
        size,
        promptName: item.promptName,
        language: item.language,
        ...(item.description ? { description: item.description } : {}),
        ...(item.ttsText ? { ttsText: item.ttsText } : {}),
        action: item.action as PromptUploadParams['action'],
        replace: item.action === 'replace' && replace.has(item.key),
        ...(item.promptId ? { promptId: item.promptId } : {}),
      }
      await services.jobs().submit(PROMPT_UPLOAD_JOB_KIND, `Upload prompt ${item.promptName} (${item.language})`, params)
    }
    appendAuditEntry(services.audit, scope, 'prompt.batch.started', `batch ${batch.id}`, 'ok', {
      batchId: batch.id,
      items: items.length,
      refused: plan.items.filter((item) => item.action === 'refused').length,
      excluded: plan.items.length - items.length - plan.items.filter((item) => item.action === 'refused').length,
      replace: items.filter((item) => item.action === 'replace' && replace.has(item.key)).length,
      bytes: items.reduce((sum, item) => sum + item.size, 0),
    })
    await services.audit.flush()
    signals.batchChanged(batch.id)
    return batchView(batch)
  }

  async function clear(): Promise<{ removed: number }> {
    const jobs = uploadJobs()
    let removed = 0
    for (const batch of batches.list()) {
      const own = jobs.filter((job) => job.params.batchId === batch.id)
      if (own.some((job) => !isFinishedState(viewOf(job, 0).state))) continue
      for (const job of own) {
        await services.jobStore().remove(job.id)
        signals.forget(job.id)
      }
      await files.release(own.filter((job) => job.params.owned).map((job) => job.params.path))
      await batches.remove([batch.id])
      services.events.emit('prompts.batch.changed', { batchId: batch.id })
      removed++
    }
    return { removed }
  }

  async function retry(ids: string[]): Promise<{ retried: string[] }> {
    const retried: string[] = []
    for (const id of ids) {
      const job = services.jobStore().get(id)
      if (!job || job.kind !== PROMPT_UPLOAD_JOB_KIND || !isPromptUploadParams(job.params))
        throw new AppError({ code: 'not_found', message: `No prompt upload ${id}.`, hint: 'Refresh the list: it may have been cleared.' })
      const state = viewOf(job as PromptUploadJob, 0).state
      if (!RETRYABLE.has(state))
        throw new AppError({
          code: 'invalid_input',
          message: `The upload of ${job.params.fileName} is ${state}: only a failed or cancelled upload can be retried.`,
          hint: 'Pause and resume an unfinished upload instead.',
        })
      await services.jobs().resume(id)
      retried.push(id)
    }
    return { retried }
  }

  return {
    handlers: {
      'prompts.batch.start': async (input) => start(input),
      'prompts.batch.list': async () =>
        batches
          .list()
          .map(batchView)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      'prompts.batch.clear': async () => clear(),
      'prompts.upload.retry': async ({ ids }) => retry(ids),
      'prompts.settings.get': async () => settings.get(),
      'prompts.settings.set': async (patch) => {
        const next = settings.set(patch)
        services.jobs().setConcurrency(PROMPT_UPLOAD_JOB_KIND, next.concurrency)
        const profileId = services.profiles.activeId()
        appendAuditEntry(
          services.audit,
          profileId ? await services.scope(profileId).catch(() => services.systemScope) : services.systemScope,
          'prompts.settings.change',
          'prompts',
          'ok',
          { defaultLanguage: next.defaultLanguage, concurrency: next.concurrency },
        )
        return next
      },
    },
    jobKinds: [jobKind],
    start: async () => {
      stopListening = services.events.on('job.progress', onJob)
      // A crash between a job's end and its delete leaves a copy no job needs: it goes now.
      // Failed and cancelled uploads keep theirs: they may be retried until their batch is cleared.
      const needed = uploadJobs()
        .filter((job) => job.params.owned)
        .map((job) => job.params.path)
      await files.sweep(new Set(needed))
    },
    close: async () => {
      stopListening?.()
      signals.close()
    },
  }
}
