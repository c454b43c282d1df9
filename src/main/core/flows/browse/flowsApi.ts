/**
 * Architect flows (shared/genesys-api.md, Flows): the list, one flow, its versions page by page, and a
 * version's configuration. The platform's enums stay open (a type this version does not know is kept raw),
 * and every date field is taken as either kind the platform is known to send (epoch ms or a string).
 * Shared by the flow archive's parts: they import these from '../browse'.
 */
import { z } from 'zod'
import type { GenesysClient, GenesysResponse } from '../../genesys'

const Dated = z.union([z.number(), z.string()]).optional()
const NamedRef = z.looseObject({ id: z.string().min(1), name: z.string().optional() })

export const GenesysFlowVersion = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  commitVersion: z.union([z.string(), z.number()]).optional(),
  configurationVersion: z.union([z.string(), z.number()]).optional(),
  type: z.string().optional(),
  secure: z.boolean().optional(),
  debug: z.boolean().optional(),
  createdBy: NamedRef.optional(),
  createdByClient: NamedRef.optional(),
  configurationUri: z.string().optional(),
  dateCreated: Dated,
  dateCheckedIn: Dated,
  dateSaved: Dated,
  datePublished: Dated,
})
export type GenesysFlowVersion = z.infer<typeof GenesysFlowVersion>

export const GenesysFlow = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  type: z.string(),
  division: NamedRef.optional(),
  lockedUser: NamedRef.optional(),
  lockedClient: NamedRef.optional(),
  active: z.boolean().optional(),
  system: z.boolean().optional(),
  deleted: z.boolean().optional(),
  publishedVersion: GenesysFlowVersion.optional(),
  checkedInVersion: GenesysFlowVersion.optional(),
  savedVersion: GenesysFlowVersion.optional(),
})
export type GenesysFlow = z.infer<typeof GenesysFlow>

const pageOf = <T extends z.ZodType>(entity: T) =>
  z.looseObject({
    entities: z.array(entity).default([]),
    pageSize: z.number().int().optional(),
    pageNumber: z.number().int().optional(),
    total: z.number().int().min(0).optional(),
    pageCount: z.number().int().min(0).optional(),
  })

export const FlowPage = pageOf(GenesysFlow)
export type FlowPage = z.infer<typeof FlowPage>
export const FlowVersionPage = pageOf(GenesysFlowVersion)
export type FlowVersionPage = z.infer<typeof FlowVersionPage>

/** Architect's own JSON: an object whose shape is Architect's business, kept as it came. */
export const FlowConfiguration = z.record(z.string(), z.unknown())
export type FlowConfiguration = z.infer<typeof FlowConfiguration>

/** The largest page the versions and list endpoints serve. */
export const FLOW_PAGE_SIZE = 100

export interface FlowListQuery {
  /** Lower case, as the filter takes them; repeated in the query. */
  types?: readonly string[]
  name?: string
  pageNumber: number
  pageSize?: number
}

/** GET /api/v2/flows: one page of flows matching the type and name filters. */
export async function listFlowsPage(client: GenesysClient, query: FlowListQuery, signal?: AbortSignal) {
  const search = new URLSearchParams()
  for (const type of query.types ?? []) search.append('type', type)
  if (query.name) search.set('name', query.name)
  search.set('pageNumber', String(query.pageNumber))
  search.set('pageSize', String(query.pageSize ?? FLOW_PAGE_SIZE))
  // The type filter repeats: axios would write type[]=, so the query is built here.
  return client.request({ method: 'GET', path: `/api/v2/flows?${search.toString()}`, schema: FlowPage, signal })
}

/** GET /api/v2/flows/{flowId}. */
export async function getFlow(client: GenesysClient, flowId: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: `/api/v2/flows/${encodeURIComponent(flowId)}`, schema: GenesysFlow, signal })
}

/** GET /api/v2/flows/{flowId}/versions: one page, newest first. */
export async function listFlowVersionsPage(
  client: GenesysClient,
  flowId: string,
  pageNumber: number,
  pageSize: number = FLOW_PAGE_SIZE,
  signal?: AbortSignal,
) {
  return client.request({
    method: 'GET',
    path: `/api/v2/flows/${encodeURIComponent(flowId)}/versions`,
    params: { pageNumber, pageSize },
    schema: FlowVersionPage,
    signal,
  })
}

export interface AllFlowVersions {
  versions: GenesysFlowVersion[]
  /** What the platform said exists (the pages read may hold fewer when versions appeared meanwhile). */
  total: number
  correlationId?: string
}

/** Most versions read of one flow: 100 pages. */
export const MAX_FLOW_VERSIONS = 10_000

/**
 * Every version of a flow, every page of 100 read in turn, newest first; a version seen on two pages
 * (one was added while paging) is kept once. `onPage` hears how many are read of how many.
 */
export async function listAllFlowVersions(
  client: GenesysClient,
  flowId: string,
  options: { signal?: AbortSignal; onPage?: (read: number, total: number) => void } = {},
): Promise<AllFlowVersions> {
  const seen = new Set<string>()
  const versions: GenesysFlowVersion[] = []
  let total = 0
  let correlationId: string | undefined
  for (let pageNumber = 1; versions.length < MAX_FLOW_VERSIONS; pageNumber++) {
    const page: GenesysResponse<FlowVersionPage> = await listFlowVersionsPage(client, flowId, pageNumber, FLOW_PAGE_SIZE, options.signal)
    correlationId ??= page.correlationId
    total = page.data.total ?? Math.max(total, versions.length + page.data.entities.length)
    for (const version of page.data.entities) {
      if (seen.has(version.id)) continue
      seen.add(version.id)
      versions.push(version)
    }
    options.onPage?.(versions.length, Math.max(total, versions.length))
    const pageCount = page.data.pageCount ?? Math.ceil(total / FLOW_PAGE_SIZE)
    if (page.data.entities.length === 0 || pageNumber >= pageCount) break
  }
  return { versions, total: Math.max(total, versions.length), ...(correlationId ? { correlationId } : {}) }
}

/** GET /api/v2/flows/{flowId}/versions/{versionId}/configuration: the version's Architect JSON. */
export async function getFlowConfiguration(client: GenesysClient, flowId: string, versionId: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/flows/${encodeURIComponent(flowId)}/versions/${encodeURIComponent(versionId)}/configuration`,
    schema: FlowConfiguration,
    signal,
  })
}
