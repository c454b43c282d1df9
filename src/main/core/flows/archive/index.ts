/**
 * Archiving flow versions to a folder: one durable job per flow (at most MAX_ARCHIVE_JOBS at once across
 * all of them), paused, resumed and cancelled through the generic job controls. When an archive completes,
 * the app event flow.versions.archived goes out and the onArchived listeners (the remote copy) hear it.
 */
import { join } from 'node:path'
import type { JobView } from '../../../../shared/api'
import { flowArchiveMethods, type ArchiveView, type FlowArchiveManifest, type RemoteDeliveryView } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { appendAuditEntry } from '../../audit'
import type { StoredJob } from '../../jobs'
import type { WorkflowServices } from '../../workflow'
import { AuthorNames } from '../browse'
import type { FlowPart } from '../flowPart'
import { ARCHIVE_JOB_KIND, createArchiveJobKind, type ArchiveJobParams } from './archiveJob'
import { prepareArchiveFolder } from './archiveFolder'
import { assertFileSafeFlowId } from './archiveNames'
import { ArchiveRun } from './archiveRun'
import { archiveSettingsSlice, updateArchiveSettings } from './archiveSettings'
import { ArchiveSignals } from './archiveSignals'
import type { ArchiveRecord } from './archiveRecord'
import { ArchiveStore } from './archiveStore'
import { toArchiveView } from './archiveView'
import { KeyedLock } from '../../kit'

export { ARCHIVE_JOB_KIND } from './archiveJob'
export { canonicalJson } from './canonicalJson'

const FINISHED = new Set(['done', 'failed', 'cancelled'])

/** What an archive that completed hands on: its view, the manifest as written (or as found, when nothing was new), and where. */
export interface ArchivedRun {
  view: ArchiveView
  manifest: FlowArchiveManifest
  manifestPath: string
  manifestSha256: string
  profileId: string
  folder: string
  /**
   * The versions this run added to the manifest (written now, or found as an intact file): its entry in the
   * manifest's runs[]. Empty when it found nothing new. Versions it found already archived are not in it.
   */
  versionIds: string[]
}

/** An archive as the remote copy sees it: its view, where, whose, and the versions it added (ArchivedRun.versionIds). */
export interface ArchiveRef {
  view: ArchiveView
  profileId: string
  folder: string
  versionIds: string[]
}

/** For the remote copy (core/flows/remote): hear completed archives, show delivery state on them, find one by id. */
export interface ArchiveHooks {
  /** Called after each archive completes (done), nothingNew included; returns the unsubscribe. A listener's error is its own. */
  onArchived(listener: (run: ArchivedRun) => void | Promise<void>): () => void
  /** Where ArchiveView.remote comes from; the archive part asks it each time it builds a view. */
  setRemoteView(provider: (archiveId: string) => RemoteDeliveryView | undefined): void
  /** Tells the screens an archive's view changed (after its remote state moved). */
  announce(archiveId: string): void
  /** An archive (its job id) as the screen sees it, with its folder, profile and new versions; undefined when unknown. */
  archive(archiveId: string): ArchiveRef | undefined
  /**
   * Ids of the archives that completed (done), oldest first: the remote part's start looks for any whose
   * copy it never recorded (the app stopped between the two), since hearing onArchived is not durable.
   */
  completedIds(): string[]
}

export async function createArchivePart(services: WorkflowServices): Promise<FlowPart<typeof flowArchiveMethods> & ArchiveHooks> {
  const store = await ArchiveStore.open(join(services.dataDir, 'flows', 'archives'))
  const settings = archiveSettingsSlice(services)
  const authors = new AuthorNames()
  const manifestLock = new KeyedLock()
  const openedAt = Date.now()
  const listeners = new Set<(run: ArchivedRun) => void | Promise<void>>()
  let remoteView: (archiveId: string) => RemoteDeliveryView | undefined = () => undefined

  const archiveJobs = (): StoredJob<ArchiveJobParams>[] =>
    services
      .jobStore()
      .list()
      .filter((job): job is StoredJob<ArchiveJobParams> => job.kind === ARCHIVE_JOB_KIND && isArchiveParams(job.params))
  const viewOf = (job: StoredJob<ArchiveJobParams>): ArchiveView => {
    const live = services.jobs().get(job.id) ?? job
    return toArchiveView(job, { state: live.state, ...(live.error ? { error: live.error } : {}) }, store.get(job.id), remoteView(job.id))
  }
  const viewById = (id: string): ArchiveView | undefined => {
    const job = services.jobStore().get(id)
    return job && job.kind === ARCHIVE_JOB_KIND && isArchiveParams(job.params) ? viewOf(job as StoredJob<ArchiveJobParams>) : undefined
  }
  const signals = new ArchiveSignals(viewById, (view) => services.events.emit('flows.archive.changed', view))

  const runArchive = createArchiveJobKind(async (job, ctx) => {
    const { client } = services.connections.clientFor(job.params.profileId)
    const scope = await services.scope(job.params.profileId)
    const run = new ArchiveRun(
      {
        store,
        client,
        profileId: job.params.profileId,
        scope,
        audit: services.audit,
        authors,
        dataDir: services.dataDir,
        now: services.now,
        manifestLock,
        openedAt,
        changed: (now) => (now ? signals.now(job.id) : signals.changed(job.id)),
      },
      job,
      ctx,
    )
    const result = await run.run()
    const view = viewById(job.id)
    if (!view || !result.manifest) return
    services.appEvents.emit(
      'flow.versions.archived',
      {
        flowId: job.params.flowId,
        versionsSelected: view.counts.selected,
        versionsWritten: view.counts.written,
        versionsAlreadyArchived: view.counts.alreadyArchived,
        manifestSha256: result.manifest.sha256,
        archivedAt: services.now().toISOString(),
      },
      scope,
    )
    const archived: ArchivedRun = {
      view: { ...view, state: 'done' },
      manifest: result.manifest.manifest,
      manifestPath: result.manifest.path,
      manifestSha256: result.manifest.sha256,
      profileId: job.params.profileId,
      folder: job.params.folder,
      versionIds: newVersionIds(store.get(job.id)),
    }
    // Not awaited, and not durable on purpose: a listener that never finishes (a crash, an error) is made
    // good by the remote part at the next start (completedIds), without running this archive again.
    for (const listener of listeners)
      void Promise.resolve(archived)
        .then(listener)
        .catch(() => undefined)
  })

  /** The job's state changed (queued, paused, cancelled, done...): the screen hears it with the archive. */
  const onJob = (job: JobView) => {
    if (job.kind === ARCHIVE_JOB_KIND) signals.now(job.id)
  }
  let stopListening: (() => void) | undefined

  return {
    handlers: {
      'flows.settings.get': async () => settings.get(),
      'flows.settings.set': async (patch) => updateArchiveSettings(settings, patch, services.dataDir),

      'flows.archive.start': async (input) => {
        const profileId = services.profiles.activeId()
        services.connections.clientFor(profileId)
        const stored = settings.get()
        const folder = await prepareArchiveFolder(input.folder.trim() || stored.folder, services.dataDir)
        const policy = input.policy ?? stored.policy
        const flows = [...new Map(input.flows.map((flow) => [flow.flowId, flow])).values()]
        for (const flow of flows) assertFileSafeFlowId(flow.flowId)
        const busy = archiveJobs().filter(
          (job) => !FINISHED.has(services.jobs().get(job.id)?.state ?? job.state) && job.params.folder === folder,
        )
        const already = flows.find((flow) => busy.some((job) => job.params.flowId === flow.flowId))
        if (already)
          throw new AppError({
            code: 'conflict',
            message: `An archive of flow ${already.flowId} into ${folder} is already queued or running.`,
            hint: 'Wait for it to finish (or cancel it), then archive again; a new run writes only what is new.',
          })
        const scope = await services.scope(profileId)
        const views: ArchiveView[] = []
        for (const flow of flows) {
          const params: ArchiveJobParams = {
            profileId,
            folder,
            flowId: flow.flowId,
            ...(flow.versionIds
              ? { selection: 'manual' as const, versionIds: [...new Set(flow.versionIds)] }
              : { selection: 'policy' as const, policy }),
          }
          const job = await services.jobs().submit(ARCHIVE_JOB_KIND, `Archive flow ${flow.flowId} to ${folder}`, params)
          appendAuditEntry(services.audit, scope, 'flow.archive.requested', `flows/${flow.flowId}`, 'ok', {
            archiveId: job.id,
            selection: params.selection,
            versions: params.versionIds?.length ?? null,
            lastDays: params.policy?.lastDays ?? null,
            maxVersions: params.policy?.maxVersions ?? null,
            publishedOnly: params.policy?.publishedOnly ?? null,
          })
          views.push(signals.now(job.id) ?? viewOf(job as StoredJob<ArchiveJobParams>))
        }
        return views
      },

      'flows.archive.list': async () =>
        archiveJobs()
          .map(viewOf)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),

      'flows.archive.clear': async () => {
        let removed = 0
        for (const job of archiveJobs()) {
          const state = services.jobs().get(job.id)?.state ?? job.state
          if (!FINISHED.has(state)) continue
          await services.jobStore().remove(job.id)
          signals.forget(job.id)
          await store.remove(job.id)
          removed++
        }
        return { removed }
      },
    },
    jobKinds: [runArchive],
    start: async () => {
      stopListening = services.events.on('job.progress', onJob)
      // Journals whose job is gone (pruned after the retention period) are no longer shown: let them go.
      const jobs = new Set(
        services
          .jobStore()
          .list()
          .map((job) => job.id),
      )
      for (const id of store.ids()) if (!jobs.has(id)) await store.remove(id)
    },
    close: async () => {
      stopListening?.()
      signals.close()
      await store.close()
    },
    onArchived: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setRemoteView: (provider) => {
      remoteView = provider
    },
    announce: (archiveId) => void signals.now(archiveId),
    archive: (archiveId) => {
      const job = services.jobStore().get(archiveId)
      if (!job || job.kind !== ARCHIVE_JOB_KIND || !isArchiveParams(job.params)) return undefined
      const params = job.params
      return {
        view: viewOf(job as StoredJob<ArchiveJobParams>),
        profileId: params.profileId,
        folder: params.folder,
        versionIds: newVersionIds(store.get(archiveId)),
      }
    },
    completedIds: () =>
      archiveJobs()
        .filter((job) => (services.jobs().get(job.id)?.state ?? job.state) === 'done')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((job) => job.id),
  }
}

/** The run's own versions in the manifest (its runs[] entry): those the journal did not find already archived. */
function newVersionIds(record: ArchiveRecord | undefined): string[] {
  return [...(record?.outcomes.values() ?? [])].filter((outcome) => outcome.outcome !== 'already').map((outcome) => outcome.id)
}

function isArchiveParams(params: unknown): params is ArchiveJobParams {
  return typeof params === 'object' && params !== null && typeof (params as { flowId?: unknown }).flowId === 'string'
}
