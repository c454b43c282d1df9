/**
 * The Architect calls compare makes: a version's configuration, and the pages of a flow's versions (to
 * name a version). The browse part has the same calls; these go when the two are merged.
 */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

/** Architect's own JSON: an object the platform does not type; only its being an object is relied on. */
const FlowConfiguration = z.record(z.string(), z.unknown())

/** The FlowVersion fields compare shows; three dates are epoch ms, datePublished a string (either is read). */
const FlowVersionEntity = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  type: z.string().optional(),
  dateCreated: z.union([z.number(), z.string()]).optional(),
  dateCheckedIn: z.union([z.number(), z.string()]).optional(),
  dateSaved: z.union([z.number(), z.string()]).optional(),
  datePublished: z.union([z.string(), z.number()]).optional(),
})
export type FlowVersionEntity = z.infer<typeof FlowVersionEntity>

const FlowVersionPage = z.looseObject({
  entities: z.array(FlowVersionEntity).default([]),
  pageNumber: z.number().int().optional(),
  pageCount: z.number().int().optional(),
})

/** GET /api/v2/flows/{flowId}/versions/{versionId}/configuration (architect:flow:view). */
export function getFlowVersionConfiguration(client: GenesysClient, flowId: string, versionId: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/flows/${encodeURIComponent(flowId)}/versions/${encodeURIComponent(versionId)}/configuration`,
    schema: FlowConfiguration,
    signal,
  })
}

/** GET /api/v2/flows/{flowId}/versions?pageNumber=&pageSize= (newest first; pageSize at most 100). */
export function listFlowVersionsPage(client: GenesysClient, flowId: string, pageNumber: number, pageSize: number, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/flows/${encodeURIComponent(flowId)}/versions`,
    params: { pageNumber, pageSize },
    schema: FlowVersionPage,
    signal,
  })
}
