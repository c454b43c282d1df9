/** The platform's usual page envelope (shared/genesys-api.md, Paging). */
export interface PageEnvelope<T> {
  entities: T[]
  pageSize: number
  pageNumber: number
  total: number
  pageCount: number
  firstUri: string
  nextUri?: string
  previousUri?: string
  lastUri: string
  selfUri: string
}

export interface PageRequest {
  pageNumber?: unknown
  pageSize?: unknown
}

const DEFAULT_PAGE_SIZE = 25
const MAX_PAGE_SIZE = 100

/** One page of `items`; page numbers start at 1, as on the platform. Links keep `query`'s other fields. */
export function pageOf<T>(items: T[], basePath: string, request: PageRequest, query: Record<string, string> = {}): PageEnvelope<T> {
  const pageSize = clamp(toInt(request.pageSize, DEFAULT_PAGE_SIZE), 1, MAX_PAGE_SIZE)
  const pageNumber = Math.max(1, toInt(request.pageNumber, 1))
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize))
  const link = (page: number) => `${basePath}?${new URLSearchParams({ ...query, pageSize: String(pageSize), pageNumber: String(page) })}`
  return {
    entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: items.length,
    pageCount,
    firstUri: link(1),
    ...(pageNumber < pageCount ? { nextUri: link(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: link(Math.min(pageNumber - 1, pageCount)) } : {}),
    lastUri: link(pageCount),
    selfUri: link(pageNumber),
  }
}

function toInt(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN
  return Number.isInteger(number) ? number : fallback
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
