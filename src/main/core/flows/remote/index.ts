/**
 * The remote archive (the seed's backup copy): its settings, and the delivery of each archive run's copy
 * by POST with an Idempotency-Key derived from the content. The archive part hands each completed run
 * to deliverAfterArchive and shows deliveryOf(runId) as ArchiveView.remote, refreshed on onDeliveryChanged.
 */
import { flowRemoteMethods, type RemoteDeliveryView } from '../../../../shared/contract/flows'
import { appendAuditEntry } from '../../audit'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import type { ArchiveRunCopy, ArchiveSide } from './archiveRunCopy'
import { readManifestFile } from './archiveManifestFile'
import { createDeliverJobKind } from './deliverJob'
import { readDeliverySchedule } from './deliverySchedule'
import { DeliveryStore } from './deliveryStore'
import { REMOTE_SETTINGS_DEFAULTS, REMOTE_SETTINGS_KEY, RemoteArchiveConfig, RemoteSettingsSchema } from './remoteConfig'
import { RemoteDeliverer, type DeliveryListener } from './remoteDeliverer'
import { auditableAddress } from './remoteUrl'

export type { ArchiveRunCopy, ArchiveSide, CompletedArchive, KnownArchive } from './archiveRunCopy'
export type { DeliveryListener } from './remoteDeliverer'
export { DELIVER_JOB_KIND } from './deliverJob'
export { DELIVERY_SCHEDULE_SETTING, type DeliverySchedule } from './deliverySchedule'
export { deliveryIdempotencyKey, DELIVERY_KEY_RECIPE } from './idempotencyKey'

/** What the archive part uses of the remote part (wired in flows/index.ts). */
export interface RemoteArchiveLink {
  /**
   * Call once a run has written its manifest. Records the run's copy (the versions it added) and, when a
   * remote archive is on, queues its delivery (a durable job). Safe to call again for the same run.
   * Returns the run's delivery (ArchiveView.remote), or undefined when none is due (a run that found
   * nothing new has no copy).
   */
  deliverAfterArchive(copy: ArchiveRunCopy): Promise<RemoteDeliveryView | undefined>
  /** ArchiveView.remote of a run, by its job id: undefined when no copy is due or sent. */
  deliveryOf(archiveId: string): RemoteDeliveryView | undefined
  /** Told on every change of a run's delivery (queued, sending, waiting, delivered, failed). */
  onDeliveryChanged(listener: DeliveryListener): () => void
  /**
   * Connects the archive part's hooks, once (flows/index.ts): completed runs are delivered, their
   * ArchiveView.remote comes from here and is announced when it moves, and Send copy and the start's
   * catch-up find runs this part has no copy of through completedIds() and archive(id).
   */
  connectArchive(archive: ArchiveSide): void
}

export async function createRemotePart(services: WorkflowServices): Promise<FlowPart<typeof flowRemoteMethods> & RemoteArchiveLink> {
  const config = new RemoteArchiveConfig(
    services.settingsSlice(REMOTE_SETTINGS_KEY, RemoteSettingsSchema, REMOTE_SETTINGS_DEFAULTS),
    services.secrets,
  )
  const store = await DeliveryStore.open(services.dataDir, services.now)
  const deliverer = new RemoteDeliverer(services, store, config, readDeliverySchedule(services.settings))
  let stopListening: (() => void) | undefined

  return {
    handlers: {
      'flows.remote.get': async () => config.view(),
      'flows.remote.set': async (input) => {
        const { settings, tokenChange, url } = config.set(input)
        appendAuditEntry(services.audit, services.systemScope, 'flows.remote.settings', 'flows/remote', 'ok', {
          enabled: settings.enabled,
          address: url ? auditableAddress(url) : '',
          tokenChange,
        })
        await services.audit.flush()
        return settings
      },
      'flows.remote.send': async ({ id }) => deliverer.send(id),
    },
    jobKinds: [createDeliverJobKind((job, ctx) => deliverer.runAttempt(job, ctx))],
    async start() {
      await deliverer.start()
      stopListening = services.events.on('job.progress', (job) => void deliverer.onJob(job).catch(() => undefined))
      // The hand-over from the archive part is an announcement, not a durable step: copies a stop left
      // unrecorded or unqueued are recorded and queued here (see RemoteDeliverer.catchUp).
      await deliverer.catchUp()
    },
    async close() {
      stopListening?.()
      deliverer.close()
      await store.save()
    },
    deliverAfterArchive: (copy) => deliverer.recordRun(copy),
    deliveryOf: (archiveId) => deliverer.deliveryOf(archiveId),
    onDeliveryChanged: (listener) => deliverer.onChange(listener),
    connectArchive: (archive) => {
      archive.setRemoteView((archiveId) => deliverer.deliveryOf(archiveId))
      deliverer.onChange((archiveId) => archive.announce(archiveId))
      archive.onArchived(async (run) => {
        await deliverer.recordRun({
          archive: { ...run.view, folder: run.folder },
          manifest: run.manifest,
          profileId: run.profileId,
          versionIds: run.versionIds,
        })
      })
      deliverer.setRuns({
        owed: () =>
          archive.completedIds().flatMap((archiveId) => {
            const found = archive.archive(archiveId)
            if (!found || found.versionIds.length === 0) return []
            return [{ archiveId, finishedAt: found.view.finishedAt ?? found.view.createdAt }]
          }),
        copyOf: async (archiveId) => {
          const found = archive.archive(archiveId)
          if (!found || found.view.state !== 'done') return undefined
          const { manifest } = await readManifestFile(found.folder, found.view.flowId)
          return {
            archive: { ...found.view, folder: found.folder },
            manifest,
            profileId: found.profileId,
            versionIds: found.versionIds,
          }
        },
      })
    },
  }
}
