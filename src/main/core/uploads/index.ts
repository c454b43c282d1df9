/**
 * Recording uploads (issue 3): drop recordings, each is validated, hashed and uploaded as a job, with
 * batches, duplicates per org, and resumption after a crash. Registered in core/workflows.ts.
 */
import { join } from 'node:path'
import { UPLOAD_SETTINGS_DEFAULTS, UploadSettings, uploadMethods } from '../../../shared/contract/uploads'
import { defineWorkflow } from '../kit'
import type { StoredJob } from '../jobs'
import { openBatchStore } from './batchStore'
import { DuplicateIndex } from './duplicates'
import { FinalEntryLookup } from './finalEntries'
import { HashPool } from './hashing/hashPool'
import { OrgDirectory } from './orgDirectory'
import { reviewDuplicates } from './reviewDuplicates'
import { StagingArea, stagingDirOf } from './stagingArea'
import { createUploadJobKind } from './uploadJob'
import { UPLOAD_JOB_KIND, type UploadJobParams } from './uploadJobTypes'
import { UploadService } from './uploadService'
import { toUploadView } from './uploadViews'
import { UPLOAD_SETTINGS_KEY, withUniqueTypes } from './uploadSettings'
import { ensurePrivateDir } from '../files/privateFiles'

export { UPLOAD_JOB_KIND } from './uploadJobTypes'
export { stagingDirOf } from './stagingArea'
export type { UploadTuning } from './uploadJob'

export const uploadsWorkflow = defineWorkflow(uploadMethods, async (services) => {
  const dir = join(services.dataDir, 'uploads')
  await ensurePrivateDir(dir)
  const settings = services.settingsSlice(UPLOAD_SETTINGS_KEY, UploadSettings, UPLOAD_SETTINGS_DEFAULTS, { normalize: withUniqueTypes })
  const hashes = new HashPool()
  const duplicates = await DuplicateIndex.open(dir, services.now)
  const batches = await openBatchStore(dir)
  const emit = services.events.emit.bind(services.events)
  const staging = new StagingArea(stagingDirOf(services.dataDir))
  const orgs = new OrgDirectory()
  const clientFor = (profileId: string) => {
    const { client, profile, links } = services.connections.clientFor(profileId)
    return { client, profileName: profile.name, links }
  }

  const jobKind = createUploadJobKind(
    {
      clientFor,
      audit: services.audit,
      hashes,
      duplicates,
      finals: new FinalEntryLookup(services.audit),
      orgs,
      settings: () => settings.get(),
      emitUploaded: (payload, scope) => services.appEvents.emit('recording.uploaded', payload, scope),
      tuning: services.tuning.uploadTuning,
      now: () => services.now().getTime(),
    },
    settings.get().concurrency,
  )

  const service = new UploadService({
    runner: () => services.jobs(),
    store: () => services.jobStore(),
    batches,
    settings,
    audit: services.audit,
    activeScope: async () => {
      const profileId = services.profiles.activeId()
      return { profileId, scope: await services.scope(profileId) }
    },
    emit,
    now: () => services.now().getTime(),
    staging,
    reviewDuplicates: (paths) =>
      reviewDuplicates(paths, { hashes, duplicates, orgs, activeClient: () => clientFor(services.profiles.activeId()).client }),
  })
  const stopListening = services.events.on('job.progress', (view) => service.onJobChange(view))

  return {
    handlers: service.handlers(),
    jobKinds: [jobKind],
    // After the job store is read: a crash's leftover copies go, unless a job can still read them.
    start: async () => {
      const needed = services
        .jobStore()
        .list()
        .filter((job) => job.kind === UPLOAD_JOB_KIND && !isFinished(job))
        .flatMap((job) => {
          const path = (job.params as Partial<UploadJobParams> | undefined)?.path
          return typeof path === 'string' ? [path] : []
        })
      await staging.sweep(new Set(needed))
    },
    close: async () => {
      stopListening()
      await service.close()
      await hashes.close()
      await duplicates.close()
    },
  }
})

/** Uploaded or skipped. A job whose stored params no longer parse is reported damaged, and keeps its copy. */
function isFinished(job: StoredJob): boolean {
  try {
    return ['done', 'skipped'].includes(toUploadView(job).state)
  } catch {
    return false
  }
}
