/**
 * Flow export jobs (POST/GET /api/v2/flows/export/jobs): each moves Registered -> Started -> Success or
 * Failure on the sandbox clock, one step every `stepMs`. A job holding a flow whose export fails (the
 * seeded `exportFails`) ends in Failure with Archy's "exit code 107". Only the submitting client reads a job.
 */
import { randomUUID } from 'node:crypto'
import type { FlowExportItem } from './flowExportFile'
import type { FlowStore } from './flowStore'

export type FlowExportStatus = 'Registered' | 'Started' | 'Success' | 'Failure'

/** The default length of each export phase (the sandbox option flowExportStepMs). */
export const FLOW_EXPORT_STEP_MS = 500

/** What the platform's exporter reports when Archy fails (often a 429 underneath). */
export const ARCHY_FAILURE_MESSAGE = 'Archy exit code 107'

export interface FlowExportJobRecord {
  id: string
  clientId: string
  submittedAt: number
  items: FlowExportItem[]
  /** The flows whose export fails. */
  failing: string[]
}

export class FlowExportJobs {
  private readonly byId = new Map<string, FlowExportJobRecord>()

  constructor(
    private readonly flows: FlowStore,
    private readonly now: () => number,
    private readonly stepMs: () => number,
  ) {}

  submit(clientId: string, items: FlowExportItem[]): FlowExportJobRecord {
    const failing = items.filter((item) => this.flows.flow(item.flowId)?.exportFails).map((item) => item.flowId)
    const record: FlowExportJobRecord = { id: randomUUID(), clientId, submittedAt: this.now(), items, failing }
    this.byId.set(record.id, record)
    return record
  }

  /** The job as its submitter sees it; another client gets undefined (the platform answers 404). */
  read(id: string, clientId: string): FlowExportJobRecord | undefined {
    const record = this.byId.get(id)
    return record && record.clientId === clientId ? record : undefined
  }

  status(record: FlowExportJobRecord): FlowExportStatus {
    const step = Math.max(0, this.stepMs())
    const elapsed = this.now() - record.submittedAt
    if (elapsed < step) return 'Registered'
    if (elapsed < 2 * step) return 'Started'
    return record.failing.length > 0 ? 'Failure' : 'Success'
  }

  /** The exporter's messages: one error per failing flow once the job has failed. */
  messages(record: FlowExportJobRecord): { text: string; type: 'ERROR'; flow: { id: string; name: string } }[] {
    if (this.status(record) !== 'Failure') return []
    return record.failing.map((flowId) => ({
      text: ARCHY_FAILURE_MESSAGE,
      type: 'ERROR' as const,
      flow: { id: flowId, name: this.flows.flow(flowId)?.name ?? flowId },
    }))
  }

  /** Only a job that succeeded can be downloaded. */
  downloadable(id: string): FlowExportJobRecord | undefined {
    const record = this.byId.get(id)
    return record && this.status(record) === 'Success' ? record : undefined
  }
}
