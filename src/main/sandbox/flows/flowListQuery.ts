/**
 * The filters of GET /api/v2/flows the sandbox honours: `type` (repeatable or comma-separated, lower
 * case), `name` (case-insensitive substring, `*` matches anything) and `sortOrder`.
 */
import type { SandboxFlowRecord } from './flowRecords'
import { SANDBOX_FLOW_TYPE_FILTERS } from './flowSeeds'

export interface FlowListFilter {
  types: string[]
  name?: string
  descending: boolean
}

export type FlowListQuery = { ok: true; filter: FlowListFilter } | { ok: false; fieldName: string; message: string }

export function readFlowListQuery(query: Record<string, unknown>): FlowListQuery {
  const types = valuesOf(query.type)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
  const unknown = types.filter((type) => !(SANDBOX_FLOW_TYPE_FILTERS as readonly string[]).includes(type))
  if (unknown.length > 0)
    return {
      ok: false,
      fieldName: 'type',
      message: `Unknown flow type(s): ${unknown.join(', ')}. Allowed: ${SANDBOX_FLOW_TYPE_FILTERS.join(', ')}.`,
    }
  const sortOrder = valuesOf(query.sortOrder)[0]?.toLowerCase()
  if (sortOrder !== undefined && sortOrder !== 'asc' && sortOrder !== 'desc')
    return { ok: false, fieldName: 'sortOrder', message: `sortOrder must be asc or desc, not ${sortOrder}.` }
  const name = valuesOf(query.name)[0]?.trim()
  return { ok: true, filter: { types, ...(name ? { name } : {}), descending: sortOrder === 'desc' } }
}

export function filterFlows(flows: SandboxFlowRecord[], filter: FlowListFilter): SandboxFlowRecord[] {
  const matchesName = filter.name === undefined ? () => true : nameMatcher(filter.name)
  const kept = flows.filter(
    (flow) => (filter.types.length === 0 || filter.types.includes(flow.type.toLowerCase())) && matchesName(flow.name),
  )
  return filter.descending ? kept.reverse() : kept
}

/** Keeps the filters in the page links (types comma-separated, which the route also reads). */
export function linkQuery(filter: FlowListFilter): Record<string, string> {
  return {
    ...(filter.types.length > 0 ? { type: filter.types.join(',') } : {}),
    ...(filter.name !== undefined ? { name: filter.name } : {}),
    ...(filter.descending ? { sortOrder: 'desc' } : {}),
  }
}

function nameMatcher(name: string): (candidate: string) => boolean {
  const pattern = name
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  const regex = new RegExp(pattern, 'i')
  return (candidate) => regex.test(candidate)
}

function valuesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return typeof value === 'string' ? [value] : []
}
