/**
 * GET /api/v2/architect/prompts's query, as the SDK sends it: `name` (a list), `description` and
 * `nameOrDescription` match case-insensitively and whole, `*` a wildcard; `language` (a list) keeps
 * prompts with a resource in one of them; `includeResources` / `includeMediaUris` (default true); the sort.
 */
import type { SandboxPromptRecord } from './promptRecords'

export interface PromptListQuery {
  names: string[]
  description?: string
  nameOrDescription?: string
  languages: string[]
  includeResources: boolean
  includeMediaUris: boolean
  sortBy: 'name' | 'id'
  sortOrder: 'asc' | 'desc'
}

export type PromptListRead = { ok: true; query: PromptListQuery } | { ok: false; fieldName: string; message: string }

class QueryError extends Error {
  constructor(
    readonly fieldName: string,
    message: string,
  ) {
    super(message)
  }
}

export function readPromptListQuery(raw: Record<string, unknown>): PromptListRead {
  try {
    const sortBy = text(raw, 'sortBy') ?? 'name'
    if (sortBy !== 'name' && sortBy !== 'id') throw new QueryError('sortBy', 'sortBy must be name or id')
    const sortOrder = (text(raw, 'sortOrder') ?? 'asc').toLowerCase()
    if (sortOrder !== 'asc' && sortOrder !== 'desc') throw new QueryError('sortOrder', 'sortOrder must be asc or desc')
    const description = text(raw, 'description')
    const nameOrDescription = text(raw, 'nameOrDescription')
    return {
      ok: true,
      query: {
        names: list(raw, 'name'),
        ...(description ? { description } : {}),
        ...(nameOrDescription ? { nameOrDescription } : {}),
        languages: list(raw, 'language').map((language) => language.toLowerCase()),
        includeResources: flag(raw, 'includeResources'),
        includeMediaUris: flag(raw, 'includeMediaUris'),
        sortBy,
        sortOrder,
      },
    }
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, fieldName: error.fieldName, message: error.message }
    throw error
  }
}

/** The prompts the query names, in its order (the store lists them by name). */
export function filterPrompts(prompts: SandboxPromptRecord[], query: PromptListQuery): SandboxPromptRecord[] {
  const names = query.names.map(wholeMatch)
  const description = query.description === undefined ? undefined : wholeMatch(query.description)
  const either = query.nameOrDescription === undefined ? undefined : wholeMatch(query.nameOrDescription)
  const filtered = prompts.filter(
    (prompt) =>
      (names.length === 0 || names.some((pattern) => pattern.test(prompt.name))) &&
      (!description || description.test(prompt.description ?? '')) &&
      (!either || either.test(prompt.name) || either.test(prompt.description ?? '')) &&
      (query.languages.length === 0 || query.languages.some((language) => prompt.resources.has(language))),
  )
  const sorted = query.sortBy === 'id' ? [...filtered].sort((a, b) => a.id.localeCompare(b.id)) : filtered
  return query.sortOrder === 'desc' ? [...sorted].reverse() : sorted
}

/** The query's own fields, for the page links. */
export function promptListLinkQuery(raw: Record<string, unknown>): Record<string, string> {
  const kept = ['name', 'description', 'nameOrDescription', 'language', 'includeResources', 'includeMediaUris', 'sortBy', 'sortOrder']
  return Object.fromEntries(kept.flatMap((field) => (typeof raw[field] === 'string' ? [[field, raw[field]]] : [])))
}

function wholeMatch(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`, 'i')
}

function texts(raw: Record<string, unknown>, field: string): string[] {
  const value = raw[field]
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value]
  if (values.length > 50 || values.some((item) => typeof item !== 'string' || item.length > 500))
    throw new QueryError(field, `${field} takes at most 50 values of at most 500 characters`)
  return (values as string[]).filter((item) => item !== '')
}

/** A repeatable field: repeated, or comma-separated as the SDK sends it (names and language tags hold no comma). */
function list(raw: Record<string, unknown>, field: string): string[] {
  return texts(raw, field).flatMap((value) => value.split(',').filter((item) => item !== ''))
}

function text(raw: Record<string, unknown>, field: string): string | undefined {
  const values = texts(raw, field)
  if (values.length > 1) throw new QueryError(field, `${field} takes one value`)
  return values[0]
}

function flag(raw: Record<string, unknown>, field: string): boolean {
  const value = text(raw, field)
  if (value === undefined) return true
  if (value !== 'true' && value !== 'false') throw new QueryError(field, `${field} must be true or false`)
  return value === 'true'
}
