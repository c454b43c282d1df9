/**
 * flows.list: every page of the platform's list (type and name filtered there), up to a cap; the publish
 * state filtered here. Nothing is dropped: a locked flow carries who holds it, and a flow the client may
 * not read carries why. Reading is granted per division, so one flow of each division is asked for its
 * first version: a handful of requests, not one per flow.
 */
import type { FlowList, FlowProblem, FlowRow } from '../../../../shared/contract/flows'
import type { GenesysClient } from '../../genesys'
import { deniedProblem, flowPermissionError, isRefusal } from './flowAccess'
import { FLOW_PAGE_SIZE, listFlowsPage, listFlowVersionsPage, type GenesysFlow } from './flowsApi'
import { toFlowRow } from './flowRows'

/** Flows listed at most: 20 pages of 100. */
export const MAX_LISTED_FLOWS = 2000
/** Divisions (or flows without one) asked whether their flows can be read. */
const MAX_ACCESS_CHECKS = 50
const CHECKS_AT_ONCE = 4

export async function listFlows(
  client: GenesysClient,
  input: { types: string[]; name?: string; publishState: 'any' | 'published' | 'unpublished' },
  options: { signal?: AbortSignal; pageSize?: number; maxFlows?: number } = {},
): Promise<FlowList> {
  const { signal, pageSize = FLOW_PAGE_SIZE, maxFlows = MAX_LISTED_FLOWS } = options
  const flows: GenesysFlow[] = []
  let total = 0
  let complete = false
  try {
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await listFlowsPage(client, { types: input.types, name: input.name || undefined, pageNumber, pageSize }, signal)
      flows.push(...page.data.entities)
      total = page.data.total ?? flows.length
      const pageCount = page.data.pageCount ?? Math.ceil(total / pageSize)
      if (page.data.entities.length === 0 || pageNumber >= pageCount) {
        complete = true
        break
      }
      if (flows.length >= maxFlows) break
    }
  } catch (error) {
    throw flowPermissionError(error, 'list Architect flows')
  }
  const shown = unique(flows.slice(0, maxFlows)).filter((flow) => matchesPublishState(flow, input.publishState))
  const problems = await accessProblems(client, shown, signal)
  const rows: FlowRow[] = shown.map((flow) => toFlowRow(flow, problems.get(accessKey(flow)) ?? []))
  return { flows: rows, complete, total: complete ? rows.length : Math.max(total, rows.length) }
}

function matchesPublishState(flow: GenesysFlow, state: 'any' | 'published' | 'unpublished'): boolean {
  if (state === 'any') return true
  return state === 'published' ? flow.publishedVersion !== undefined : flow.publishedVersion === undefined
}

function unique(flows: GenesysFlow[]): GenesysFlow[] {
  const seen = new Set<string>()
  return flows.filter((flow) => !seen.has(flow.id) && seen.add(flow.id))
}

/** Flows of one division share their access; a flow without a division is its own. */
function accessKey(flow: GenesysFlow): string {
  return flow.division ? `division:${flow.division.id}` : `flow:${flow.id}`
}

/** Asks one flow of each division for one version; a 403 is the whole division's problem. */
async function accessProblems(client: GenesysClient, flows: GenesysFlow[], signal?: AbortSignal): Promise<Map<string, FlowProblem[]>> {
  const probes = new Map<string, GenesysFlow>()
  for (const flow of flows) if (!probes.has(accessKey(flow)) && probes.size < MAX_ACCESS_CHECKS) probes.set(accessKey(flow), flow)
  const problems = new Map<string, FlowProblem[]>()
  const entries = [...probes.entries()]
  for (let i = 0; i < entries.length; i += CHECKS_AT_ONCE) {
    await Promise.all(
      entries.slice(i, i + CHECKS_AT_ONCE).map(async ([key, flow]) => {
        try {
          await listFlowVersionsPage(client, flow.id, 1, 1, signal)
        } catch (error) {
          // Only a refusal is about access; anything else is found again when the flow is opened.
          if (isRefusal(error)) problems.set(key, [deniedProblem(error, flow.division)])
        }
      }),
    )
  }
  return problems
}
