/**
 * Recording uploads (issue 3): drop recordings, each is validated, hashed and uploaded as a job, with
 * batches, duplicates per org, and resumption after a crash. Registered in core/workflows.ts.
 */
import { join } from 'node:path'
import { UPLOAD_SETTINGS_DEFAULTS, UploadSettings, uploadMethods } from '../../../shared/contract/uploads'
import { defineWorkflow } from '../kit'
import { BatchStore } from './batchStore'
import { DuplicateIndex } from './duplicates'
import { FinalEntryLookup } from './finalEntries'
import { HashPool } from './hashing/hashPool'
import { OrgDirectory } from './orgDirectory'
import { createUploadJobKind } from './uploadJob'
import { UploadService } from './uploadService'
import { UPLOAD_SETTINGS_KEY, withUniqueTypes } from './uploadSettings'
import { ensurePrivateDir } from '../files/privateFiles'

export { UPLOAD_JOB_KIND } from './uploadJobTypes'
export type { UploadTuning } from './uploadJob'

export const uploadsWorkflow = defineWorkflow(uploadMethods, async (services) => {
  const dir = join(services.dataDir, 'uploads')
  await ensurePrivateDir(dir)
  const settings = services.settingsSlice(UPLOAD_SETTINGS_KEY, UploadSettings, UPLOAD_SETTINGS_DEFAULTS, { normalize: withUniqueTypes })
  const hashes = new HashPool()
  const duplicates = await DuplicateIndex.open(dir, services.now)
  const batches = await BatchStore.open(dir)
  const emit = services.events.emit.bind(services.events)

  const jobKind = createUploadJobKind(
    {
      clientFor: (profileId) => {
        const { client, profile, links } = services.connections.clientFor(profileId)
        return { client, profileName: profile.name, links }
      },
      audit: services.audit,
      hashes,
      duplicates,
      finals: new FinalEntryLookup(services.audit),
      orgs: new OrgDirectory(),
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
  })
  const stopListening = services.events.on('job.progress', (view) => service.onJobChange(view))

  return {
    handlers: service.handlers(),
    jobKinds: [jobKind],
    close: async () => {
      stopListening()
      await service.close()
      await hashes.close()
      await duplicates.close()
    },
  }
})
