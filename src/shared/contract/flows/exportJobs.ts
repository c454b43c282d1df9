/**
 * Exports with the platform's export jobs (POST /api/v2/flows/export/jobs): YAML (what Archy and CX as
 * Code read) or Architect, polled to completion and saved beside the archive. Each export is a durable job.
 */
import { z } from 'zod'
import type { AppErrorData } from '../../errors'
import { method, signal } from '../define'
import { Empty } from '../common'
import { FlowId } from './common'

export const EXPORT_TYPES = ['Yaml', 'Architect'] as const
export type ExportType = (typeof EXPORT_TYPES)[number]

export const ExportStartInput = z
  .object({
    flowIds: z.array(FlowId).min(1).max(100),
    exportType: z.enum(EXPORT_TYPES).default('Yaml'),
    /** A full path; empty: the archive folder in the settings (saved under its exports/ folder). */
    folder: z.string().max(4096),
  })
  .strict()
export type ExportStartInput = z.input<typeof ExportStartInput>

/** The platform's states (Registered, Started, Success, Failure, or one it adds) and the app's own after them. */
export type ExportState =
  'queued' | 'Registered' | 'Started' | 'Success' | 'Failure' | 'saving' | 'saved' | 'failed' | 'cancelled' | (string & {})

export interface ExportView {
  id: string
  /**
   * Rises with every view of this export the core hands out: a higher one is never older. The answer to
   * `flows.export.start` or `.list` and the change signals come by different ways, in either order.
   */
  revision: number
  /** The durable job that runs the export: jobs.cancel (or pause) takes this id. */
  jobId?: string
  flowIds: string[]
  flowNames: string[]
  exportType: ExportType
  folder: string
  state: ExportState
  createdAt: string
  finishedAt?: string
  /** The platform's export job. */
  platformJobId?: string
  path?: string
  sizeBytes?: number
  sha256?: string
  /** The exporter's own messages (expand=messages), e.g. "Archy exit code 107". */
  messages: string[]
  error?: AppErrorData
}

export const flowExportMethods = {
  'flows.export.start': method<typeof ExportStartInput, ExportView>(ExportStartInput),
  'flows.export.list': method<typeof Empty, ExportView[]>(Empty),
}

export const flowExportSignals = {
  'flows.export.changed': signal<ExportView>(),
}
