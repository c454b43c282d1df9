/**
 * Exports with the platform's export jobs (YAML, what Archy and CX as Code read, or Architect): one durable
 * job per export, polled to completion and saved under the archive folder's exports/ folder.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { JobView } from '../../../../shared/api'
import { FlowArchiveSettings, flowExportMethods, type ExportView } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { appendAuditEntry } from '../../audit'
import { prepareOutputFolder } from '../../files/outputFolder'
import type { WorkflowServices } from '../../workflow'
import type { FlowPart } from '../flowPart'
import { createExportJobKind, EXPORT_JOB_KIND, type ExportJobParams } from './exportJob'
import { readExportPolling } from './exportPolling'
import { FINAL_EXPORT_STATES, toExportView, type ExportRecord } from './exportRecord'
import { runExport } from './exportRun'
import { ExportStore } from './exportStore'

export { EXPORT_JOB_KIND } from './exportJob'
export { EXPORT_POLLING_SETTING, type ExportPolling } from './exportPolling'

export interface ExportPartOptions {
  /** The archive folder in the Flow archive settings: where an export goes when the form names no folder. */
  archiveFolder?: () => string
}

/** Until flows/index.ts hands over the archive part's own reader: its settings as stored (key 'flows.archive'). */
function storedArchiveFolder(services: WorkflowServices): () => string {
  return () => {
    const stored = services.settings.get('flows.archive') as { folder?: unknown } | undefined
    const folder = FlowArchiveSettings.shape.folder.safeParse(stored?.folder)
    return folder.success ? folder.data : ''
  }
}

export async function createExportPart(
  services: WorkflowServices,
  options: ExportPartOptions = {},
): Promise<FlowPart<typeof flowExportMethods>> {
  const archiveFolder = options.archiveFolder ?? storedArchiveFolder(services)
  const store = await ExportStore.open(services.dataDir, services.now)
  const polling = readExportPolling(services.settings)
  const announce = (record: ExportRecord): ExportView => {
    const view = toExportView(record)
    services.events.emit('flows.export.changed', view)
    return view
  }

  /** Cancelled from the Jobs panel, or failed outside the run (a damaged job): the export shows it. */
  const onJob = async (job: JobView) => {
    if (job.kind !== EXPORT_JOB_KIND || (job.state !== 'cancelled' && job.state !== 'failed')) return
    const exportId = (services.jobStore().get(job.id)?.params as Partial<ExportJobParams> | undefined)?.exportId
    const record = exportId === undefined ? undefined : store.get(exportId)
    if (!record || FINAL_EXPORT_STATES.has(record.state)) return
    const error =
      job.state === 'cancelled'
        ? new AppError({ code: 'cancelled', message: 'The export was cancelled.', hint: 'Export the flows again when you need the file.' })
        : AppError.fromData(job.error ?? new AppError({ code: 'internal', message: 'The export failed.', hint: 'Export again.' }).toData())
    Object.assign(record, { state: job.state, error: error.toData(), finishedAt: services.now().toISOString() })
    await store.save()
    announce(record)
  }
  let stopListening: (() => void) | undefined

  return {
    handlers: {
      'flows.export.start': async (input) => {
        const profileId = services.profiles.activeId()
        services.connections.clientFor(profileId)
        const typed = input.folder.trim() || archiveFolder()
        if (typed === '')
          throw new AppError({
            code: 'invalid_input',
            message: 'Choose a folder for the export: no archive folder is set yet.',
            hint: 'Enter a full path, or set the archive folder in the Flow archive settings; exports go to its exports/ folder.',
            details: [{ fieldName: 'folder', errorCode: 'invalid.value' }],
          })
        const folder = await prepareOutputFolder(typed, {
          defaultFolder: join(services.dataDir, 'downloads', 'flows'),
          dataDir: services.dataDir,
          fieldName: 'folder',
          createMissing: true,
        })
        const scope = await services.scope(profileId)
        const flowIds = [...new Set(input.flowIds)]
        const record: ExportRecord = {
          id: randomUUID(),
          profileId,
          profileName: scope.profile,
          orgName: scope.org,
          flowIds,
          flowNames: [],
          exportType: input.exportType,
          folder,
          state: 'queued',
          createdAt: services.now().toISOString(),
          messages: [],
          polls: 0,
          unchangedPolls: 0,
        }
        store.put(record)
        await store.save()
        try {
          const title = `Export ${flowIds.length === 1 ? 'a flow' : `${flowIds.length} flows`} (${input.exportType}) to ${folder}`
          const job = await services.jobs().submit(EXPORT_JOB_KIND, title, { exportId: record.id } satisfies ExportJobParams)
          record.jobId = job.id
          await store.save()
        } catch (error) {
          store.remove(record.id)
          await store.save()
          throw error
        }
        appendAuditEntry(services.audit, scope, 'flows.export.start', 'flows/export/jobs', 'ok', {
          exportId: record.id,
          flows: flowIds.length,
          exportType: input.exportType,
        })
        await services.audit.flush()
        return announce(record)
      },
      'flows.export.list': async () => store.list().map(toExportView),
    },
    jobKinds: [createExportJobKind((job, ctx) => runExport({ services, store, polling, changed: announce }, job, ctx))],
    start: () => {
      stopListening = services.events.on('job.progress', (job) => void onJob(job).catch(() => undefined))
    },
    close: async () => {
      stopListening?.()
      await store.save()
    },
  }
}
