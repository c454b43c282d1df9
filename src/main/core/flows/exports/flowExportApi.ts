/** Flow export jobs (/api/v2/flows/export/jobs), with zod schemas for every answer the exports part relies on. */
import { z } from 'zod'
import type { ExportType } from '../../../../shared/contract/flows'
import type { GenesysClient } from '../../genesys'

const JOBS_PATH = '/api/v2/flows/export/jobs'

export const FlowExportJob = z.looseObject({
  id: z.string().min(1),
  // Open enum: a status the platform adds later is kept, shown raw and polled on.
  status: z.string().min(1),
  downloadUrl: z.string().min(1).optional(),
  messages: z
    .array(
      z.looseObject({
        text: z.string().optional(),
        type: z.string().optional(),
        flow: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
})
export type FlowExportJob = z.infer<typeof FlowExportJob>

const Submitted = z.looseObject({ id: z.string().min(1) })

/**
 * POST /api/v2/flows/export/jobs (architect:jobExport:create): one job for the flows, each by id at its
 * default version (published, else the newest). Not idempotent: a 5xx or a reset is never re-sent.
 */
export function postFlowExportJob(client: GenesysClient, flowIds: readonly string[], exportType: ExportType, signal?: AbortSignal) {
  return client.request({
    method: 'POST',
    path: JOBS_PATH,
    data: { flows: flowIds.map((id) => ({ flow: { id }, exportType })) },
    schema: Submitted,
    signal,
    retryServerFailures: false,
  })
}

/** GET /api/v2/flows/export/jobs/{jobId}?expand=messages (architect:jobExport:view; its submitter only). */
export function getFlowExportJob(client: GenesysClient, jobId: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `${JOBS_PATH}/${encodeURIComponent(jobId)}`,
    params: { expand: 'messages' },
    schema: FlowExportJob,
    signal,
  })
}
