/** GET /api/v2/architect/prompts's query: `name` (case-insensitive, whole name, `*` a wildcard) and the sort. */
import type { SandboxPromptRecord } from './promptRecords'

export interface PromptListQuery {
  name?: string
  sortBy: 'name' | 'id'
  sortOrder: 'asc' | 'desc'
}

export type PromptListRead = { ok: true; query: PromptListQuery } | { ok: false; fieldName: string; message: string }

export function readPromptListQuery(raw: Record<string, unknown>): PromptListRead {
  const name = raw.name
  if (name !== undefined && (typeof name !== 'string' || name.length > 500))
    return { ok: false, fieldName: 'name', message: 'name must be one text of at most 500 characters' }
  const sortBy = raw.sortBy ?? 'name'
  if (sortBy !== 'name' && sortBy !== 'id') return { ok: false, fieldName: 'sortBy', message: 'sortBy must be name or id' }
  const sortOrder = typeof raw.sortOrder === 'string' ? raw.sortOrder.toLowerCase() : 'asc'
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return { ok: false, fieldName: 'sortOrder', message: 'sortOrder must be asc or desc' }
  return { ok: true, query: { ...(typeof name === 'string' && name !== '' ? { name } : {}), sortBy, sortOrder } }
}

/** The prompts the query names, in its order (the store lists them by name). */
export function filterPrompts(prompts: SandboxPromptRecord[], query: PromptListQuery): SandboxPromptRecord[] {
  const pattern = query.name === undefined ? undefined : namePattern(query.name)
  const filtered = pattern ? prompts.filter((prompt) => pattern.test(prompt.name)) : prompts
  const matched = query.sortBy === 'id' ? [...filtered].sort((a, b) => a.id.localeCompare(b.id)) : filtered
  return query.sortOrder === 'desc' ? [...matched].reverse() : matched
}

function namePattern(name: string): RegExp {
  const escaped = name
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`, 'i')
}

export function promptListLinkQuery(query: PromptListQuery): Record<string, string> {
  return { ...(query.name !== undefined ? { name: query.name } : {}), sortBy: query.sortBy, sortOrder: query.sortOrder }
}
