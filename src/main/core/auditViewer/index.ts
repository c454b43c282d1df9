/**
 * The audit log viewer (issue 6): query, filter, verify, chart and export the local audit log, and
 * its retention (segment size, archiving, the log folder). Registered in core/workflows.ts.
 */
import {
  AUDIT_EXPORT_JOB_KIND,
  AUDIT_SETTINGS_DEFAULTS,
  AuditSettingsSchema,
  auditMethods,
  type AuditSegmentsView,
  type AuditSettingsView,
} from '../../../shared/contract/audit'
import { AppError } from '../../../shared/errors'
import { SYSTEM_SCOPE } from '../audit'
import { defineWorkflow, type WorkflowHandlers } from '../kit'
import { AUDIT_SETTINGS_KEY, segmentBytesOf } from './auditSettings'
import { AutoArchiver } from './autoArchive'
import { createExportJobKind, exportJobTitle, listExports, toExportView, type ExportParams } from './exportJob'
import { checkExportTarget, exportFolder, suggestExportPath } from './exportTarget'

export { AUDIT_EXPORT_JOB_KIND } from '../../../shared/contract/audit'

export const auditViewerWorkflow = defineWorkflow(auditMethods, (services) => {
  const { audit } = services
  const settings = services.settingsSlice(AUDIT_SETTINGS_KEY, AuditSettingsSchema, AUDIT_SETTINGS_DEFAULTS)
  audit.setMaxSegmentBytes(segmentBytesOf(settings.get()))
  const archiver = new AutoArchiver(
    audit,
    () => settings.get().keepClosedSegments,
    (notice) => services.notify(notice),
  )

  const segmentsView = async (): Promise<AuditSegmentsView> => {
    const segments = await audit.segments()
    return { logFolder: audit.dir, segments, totalBytes: segments.reduce((sum, s) => sum + s.bytes, 0) }
  }

  const settingsView = async (): Promise<AuditSettingsView> => ({
    settings: settings.get(),
    logFolder: audit.dir,
    exportFolder: exportFolder(services.dataDir),
    signingKeyFingerprint: await audit.signingKeyFingerprint(),
    signingKey: audit.signingKey(),
  })

  const requireExport = (jobId: string) => {
    const job = services.jobStore().get(jobId)
    const view = job && job.kind === AUDIT_EXPORT_JOB_KIND ? toExportView(job, services.jobs()) : undefined
    if (!view)
      throw new AppError({ code: 'not_found', message: `No audit export ${jobId}.`, hint: 'It may have been removed; export again.' })
    return view
  }

  const handlers: WorkflowHandlers<typeof auditMethods> = {
    'audit.tail': async ({ limit }) => audit.tail(limit),
    'audit.verify': async ({ includeArchive }) => {
      await audit.flush()
      return audit.verify({ includeArchive })
    },
    'audit.query': async (query) => audit.query(query),
    'audit.count': async (request) => audit.count(request),
    'audit.metrics': async (request) => audit.metrics(request),
    'audit.suggestExportPath': async ({ format }) => ({ path: await suggestExportPath(services.dataDir, format, services.now()) }),
    'audit.export': async ({ format, path, filter, overwrite }) => {
      const target = await checkExportTarget(path, { overwrite, auditDir: audit.dir, dataDir: services.dataDir })
      const params: ExportParams = { format, path: target, ...(filter ? { filter } : {}) }
      const job = await services.jobs().submit(AUDIT_EXPORT_JOB_KIND, exportJobTitle(params), params)
      return requireExport(job.id)
    },
    'audit.exports': async () => listExports(services.jobStore(), services.jobs()),
    'audit.segments': segmentsView,
    'audit.rotate': async () => {
      await audit.rotate()
      await archiver.schedule()
      return segmentsView()
    },
    'audit.archive': async ({ keepClosedSegments }) => {
      const archived = await audit.archive({ keepClosedSegments })
      return { ...(await segmentsView()), archived: archived.length }
    },
    'audit.settings.get': settingsView,
    'audit.settings.set': async (next) => {
      const before = settings.get()
      const saved = settings.set(next)
      audit.setMaxSegmentBytes(segmentBytesOf(saved))
      audit.append({
        ...SYSTEM_SCOPE,
        action: 'audit.settings',
        target: 'retention',
        outcome: 'ok',
        detail: {
          maxSegmentMiB: saved.maxSegmentMiB,
          keepClosedSegments: saved.keepClosedSegments,
          previousMaxSegmentMiB: before.maxSegmentMiB,
          previousKeepClosedSegments: before.keepClosedSegments,
        },
      })
      await audit.flush()
      return settingsView()
    },
    'audit.show': async (input) => {
      const path = input.target === 'logFolder' ? audit.dir : shownExportPath(requireExport(input.jobId))
      if (!services.showItemInFolder) return { shown: false, path }
      await services.showItemInFolder(path)
      return { shown: true, path }
    },
  }

  return {
    handlers,
    jobKinds: [createExportJobKind(audit, services.dataDir)],
    // In the background: archiving a segment must not hold up the start.
    start: () => void archiver.schedule(),
    close: () => archiver.close(),
  }
})

function shownExportPath(view: { result?: { path: string }; path: string; job: { state: string } }): string {
  if (!view.result)
    throw new AppError({
      code: 'conflict',
      message: `The export is ${view.job.state}; there is no file to show yet.`,
      hint: 'Wait until the export is done.',
    })
  return view.result.path
}
