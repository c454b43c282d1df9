import { randomUUID } from 'node:crypto'
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { recordingDownloadMethods, type DownloadView } from '../../../../shared/contract/recordings'
import { AppError } from '../../../../shared/errors'
import type { JobView } from '../../../../shared/api'
import type { StoredJob, TypedJobContext } from '../../jobs'
import type { WorkflowServices } from '../../workflow'
import type { RecordingPart } from '../recordingPart'
import { saveConversationTranscript } from '../transcripts/saveTranscript'
import { transcriptAuditor } from '../transcripts/transcriptAudit'
import { checkRecordingsFolder, prepareRecordingsFolder } from '../recordingsFolder'
import { createDownloadJobKind, DOWNLOAD_JOB_KIND, type DownloadCheckpoint, type DownloadJobParams } from './downloadJob'
import { FINAL_ITEM_STATES, itemKey, type DownloadRecord } from './downloadRecord'
import { DownloadRun } from './downloadRun'
import { DownloadSignals } from './downloadSignals'
import { DownloadStore } from './downloadStore'
import { toDownloadView, type LiveProgress } from './downloadView'
import { viewRevisions } from './viewRevisions'
import { partName } from './fileNames'
import { manifestName } from './manifest'
import { ManifestWriter } from './manifestWriter'

export { DOWNLOAD_JOB_KIND } from './downloadJob'

const FINISHED_JOB_STATES = new Set(['done', 'failed', 'cancelled'])

/** Durable downloads through batch requests, with a manifest and the admin's choice for existing files. */
export async function createDownloadPart(services: WorkflowServices): Promise<RecordingPart<typeof recordingDownloadMethods>> {
  const store = await DownloadStore.open(join(services.dataDir, 'recordings', 'downloads'))
  const manifests = new ManifestWriter()
  const runs = new Map<string, { run: DownloadRun; ctx: TypedJobContext<DownloadCheckpoint> }>()

  const jobOf = (downloadId: string): StoredJob | undefined =>
    services
      .jobStore()
      .list()
      .find((job) => job.kind === DOWNLOAD_JOB_KIND && (job.params as Partial<DownloadJobParams>)?.downloadId === downloadId)
  const nextRevision = viewRevisions()
  const viewOf = (record: DownloadRecord, live: LiveProgress = signals.live(record.id)): DownloadView => {
    const job = jobOf(record.id)
    return toDownloadView(record, job ? services.jobs().get(job.id)?.state : undefined, live, nextRevision())
  }
  const signals: DownloadSignals = new DownloadSignals(
    (record: DownloadRecord, live: LiveProgress): DownloadView => viewOf(record, live),
    (view) => services.events.emit('recordings.download.changed', view),
    (id, p) => runs.get(id)?.ctx.progress(p),
  )
  const requireRecord = (id: string): DownloadRecord => {
    const record = store.get(id)
    if (!record)
      throw new AppError({ code: 'not_found', message: `No download with id ${id}.`, hint: 'It may have been cleared; refresh the list.' })
    return record
  }
  const requireJob = (record: DownloadRecord): StoredJob => {
    const job = jobOf(record.id)
    if (!job)
      throw new AppError({
        code: 'not_found',
        message: 'This download has no job any more (it was removed from the Jobs list).',
        hint: 'Start the download again; files already saved are found and offered as existing files.',
      })
    return job
  }

  const runDownload = async (job: StoredJob<DownloadJobParams, DownloadCheckpoint>, ctx: TypedJobContext<DownloadCheckpoint>) => {
    const record = store.get(job.params.downloadId)
    if (!record)
      throw new AppError({
        code: 'not_found',
        message: 'The record of this download is missing from the data folder.',
        hint: 'Cancel this job and start the download again.',
      })
    const run = new DownloadRun(
      {
        store,
        connection: (profileId) => services.connections.clientFor(profileId),
        scope: (profileId) => services.scope(profileId),
        audit: services.audit,
        changed: (r) => signals.changed(r),
        manifest: manifests,
        // The transcript's own reading and saving go to the audit log like a save from the screen.
        saveTranscript: async (access, conversationId, folder) =>
          saveConversationTranscript({ ...access, audit: await transcriptAuditor(services, record.profileId) }, conversationId, folder),
      },
      record,
      ctx,
    )
    runs.set(record.id, { run, ctx })
    try {
      await run.run()
    } finally {
      runs.delete(record.id)
      await store.flush().catch(() => undefined)
    }
  }

  /** The job's state changed (paused, cancelled, done...): the screen hears it with the download. */
  const onJob = (job: JobView) => {
    if (job.kind !== DOWNLOAD_JOB_KIND) return
    const record = store.list().find((r) => jobOf(r.id)?.id === job.id)
    if (!record) return
    // The end is announced at once: the screen (and anyone waiting on it) need not wait out the throttle.
    if (FINISHED_JOB_STATES.has(job.state)) signals.now(record)
    else signals.changed(record)
  }

  const stopStraggling = async (record: DownloadRecord): Promise<void> => {
    for (const item of record.items) {
      if (FINAL_ITEM_STATES.has(item.state)) continue
      if (item.fileName) await rm(join(record.folder, partName(item.fileName)), { force: true }).catch(() => undefined)
      await store.patchItem(record, item, { state: 'cancelled', verified: undefined })
    }
    await store.append(record, { t: 'finished', at: services.now().toISOString() }, true)
    await manifests.flush(record).catch(() => undefined)
  }

  let stopListening: (() => void) | undefined

  return {
    handlers: {
      'recordings.downloads.start': async (input) => {
        const profileId = services.profiles.activeId()
        services.connections.clientFor(profileId)
        const folder = await prepareRecordingsFolder(input.folder, services.dataDir)
        const seen = new Set<string>()
        const items = input.items.filter((item) => !seen.has(itemKey(item)) && seen.add(itemKey(item)))
        const id = randomUUID()
        const record = await store.create({
          t: 'start',
          id,
          profileId,
          folder,
          onExisting: input.onExisting ?? 'ask',
          transcripts: input.transcripts ?? false,
          createdAt: services.now().toISOString(),
          manifestPath: join(folder, manifestName(id)),
          items: items.map((item) => ({ c: item.conversationId, r: item.recordingId, ...(item.startTime ? { s: item.startTime } : {}) })),
        })
        try {
          await services
            .jobs()
            .submit(DOWNLOAD_JOB_KIND, `Download ${items.length} recording${items.length === 1 ? '' : 's'} to ${folder}`, {
              downloadId: id,
            })
        } catch (error) {
          await store.remove(id)
          throw error
        }
        const scope = await services.scope(profileId)
        services.audit.append({
          profile: scope.profile,
          org: scope.org,
          action: 'recording.download.requested',
          target: `downloads/${id}`,
          outcome: 'ok',
          detail: { items: items.length, onExisting: record.onExisting, transcripts: record.transcripts },
        })
        return signals.now(record)
      },

      'recordings.downloads.list': async () => store.list().map((record) => viewOf(record)),

      'recordings.downloads.decide': async ({ id, itemKeys, choice }) => {
        const record = requireRecord(id)
        const wanted = itemKeys ? new Set(itemKeys) : undefined
        const asking = record.items.filter((item) => item.state === 'asking' && (!wanted || wanted.has(item.key)))
        if (asking.length === 0)
          throw new AppError({
            code: 'conflict',
            message: 'None of these files is waiting for a decision.',
            hint: 'Refresh the download; the decision may have been made already.',
          })
        for (const item of asking) {
          if (choice === 'skip') {
            if (item.verified && item.fileName)
              await rm(join(record.folder, partName(item.fileName)), { force: true }).catch(() => undefined)
            await store.patchItem(record, item, { state: 'skipped', choice, verified: undefined }, true)
          } else {
            const state = item.verified ? 'verifying' : item.batchId ? 'requested' : 'waiting'
            await store.patchItem(record, item, { state, choice }, true)
          }
        }
        const scope = await services.scope(record.profileId)
        services.audit.append({
          profile: scope.profile,
          org: scope.org,
          action: 'recording.download.decided',
          target: `downloads/${id}`,
          outcome: 'ok',
          detail: { choice, items: asking.length, applyToAll: itemKeys === undefined },
        })
        manifests.schedule(record)
        runs.get(id)?.run.notify()
        return signals.now(record)
      },

      'recordings.downloads.pause': async ({ id }) => {
        const record = requireRecord(id)
        await services.jobs().pause(requireJob(record).id)
        return signals.now(record)
      },

      'recordings.downloads.resume': async ({ id }) => {
        const record = requireRecord(id)
        const job = requireJob(record)
        if (
          job.state !== 'paused' &&
          job.state !== 'interrupted' &&
          job.state !== 'queued' &&
          job.state !== 'running' &&
          job.state !== 'scheduled'
        )
          throw new AppError({
            code: 'conflict',
            message: `This download is ${job.state} and cannot be resumed.`,
            hint: job.state === 'failed' ? 'Use Retry to run its failed files again.' : 'Start a new download.',
          })
        await services.jobs().resume(job.id)
        return signals.now(record)
      },

      'recordings.downloads.cancel': async ({ id }) => {
        const record = requireRecord(id)
        const job = requireJob(record)
        if (FINISHED_JOB_STATES.has(job.state)) return signals.now(record)
        await services.jobs().cancel(job.id)
        await stopStraggling(record)
        return signals.now(record)
      },

      'recordings.downloads.retry': async ({ id }) => {
        const record = requireRecord(id)
        const job = requireJob(record)
        const again = record.items.filter((item) => item.state === 'failed' || item.state === 'cancelled')
        const transcriptsAgain = [...record.transcriptOutcomes.values()].filter((outcome) => outcome.state === 'failed')
        if (again.length === 0 && transcriptsAgain.length === 0)
          throw new AppError({ code: 'conflict', message: 'This download has no failed files to retry.', hint: 'Refresh the download.' })
        if (!FINISHED_JOB_STATES.has(job.state) && job.state !== 'paused' && job.state !== 'interrupted')
          throw new AppError({ code: 'conflict', message: 'This download is still running.', hint: 'Wait for it to finish, then Retry.' })
        for (const item of again)
          await store.patchItem(record, item, {
            state: 'waiting',
            error: undefined,
            batchId: undefined,
            renewals: 0,
            verified: undefined,
            bytes: 0,
          })
        for (const outcome of transcriptsAgain) record.transcriptOutcomes.delete(outcome.conversationId)
        await store.append(record, { t: 'reopened', transcriptsAgain: transcriptsAgain.map((o) => o.conversationId) }, true)
        await services.jobs().resume(job.id)
        return signals.now(record)
      },

      'recordings.downloads.checkFolder': async ({ folder }) => checkRecordingsFolder(folder, services.dataDir),

      'recordings.downloads.show': async ({ id }) => {
        const record = requireRecord(id)
        const path = await shownPath(record)
        if (!services.showItemInFolder) return { shown: false, path }
        await services.showItemInFolder(path)
        return { shown: true, path }
      },

      'recordings.downloads.clear': async () => {
        let removed = 0
        for (const record of store.list()) {
          const job = jobOf(record.id)
          const state = job ? services.jobs().get(job.id)?.state : undefined
          if (state !== undefined && !FINISHED_JOB_STATES.has(state)) continue
          if (job) await services.jobStore().remove(job.id)
          signals.forget(record.id)
          await store.remove(record.id)
          removed++
        }
        return { removed }
      },
    },
    jobKinds: [createDownloadJobKind(runDownload)],
    start: () => {
      stopListening = services.events.on('job.progress', onJob)
    },
    close: async () => {
      stopListening?.()
      signals.close()
      manifests.close()
      await store.close()
    },
  }
}

/** The manifest once written, else the folder; when neither is on disk any more, that is said plainly. */
async function shownPath(record: DownloadRecord): Promise<string> {
  for (const path of [record.manifestPath, record.folder]) {
    if (await stat(path).catch(() => undefined)) return path
  }
  throw new AppError({
    code: 'not_found',
    message: `The folder ${record.folder} is not there any more.`,
    hint: 'It was moved or deleted after the download; clear this download from the list.',
  })
}
