/**
 * The cursor listings of the recording jobs API (`includeTotal=false&cursor=`): the next page's cursor
 * travels in `nextUri`; without a cursor, `pageNumber` places the page as in the usual envelope.
 */
const DEFAULT_PAGE_SIZE = 25

export interface CursorPage<T> {
  entities: T[]
  pageSize: number
  pageNumber?: number
  total?: number
  pageCount?: number
  firstUri: string
  selfUri: string
  nextUri?: string
}

export type CursorRequest = Record<string, string | undefined>

/** The page size asked for, or a reason it is refused (the platform's maximum is `max`). */
export function pageSizeOf(request: CursorRequest, max: number): number | string {
  if (request.pageSize === undefined) return DEFAULT_PAGE_SIZE
  const size = /^\d+$/.test(request.pageSize) ? Number(request.pageSize) : NaN
  if (!Number.isInteger(size) || size < 1 || size > max) return `pageSize must be between 1 and ${max}.`
  return size
}

export function cursorPage<T>(
  items: T[],
  basePath: string,
  request: CursorRequest,
  pageSize: number,
  keep: Record<string, string> = {},
): CursorPage<T> {
  const cursorOffset = request.cursor ? decodeCursor(request.cursor) : undefined
  const pageNumber = Math.max(1, Number.parseInt(request.pageNumber ?? '1', 10) || 1)
  const offset = cursorOffset ?? (pageNumber - 1) * pageSize
  const link = (extra: Record<string, string>) => `${basePath}?${new URLSearchParams({ ...keep, pageSize: String(pageSize), ...extra })}`
  const withTotal = request.includeTotal !== 'false' && cursorOffset === undefined
  const next = offset + pageSize < items.length ? encodeCursor(offset + pageSize) : undefined
  return {
    entities: items.slice(offset, offset + pageSize),
    pageSize,
    ...(withTotal ? { pageNumber, total: items.length, pageCount: Math.max(1, Math.ceil(items.length / pageSize)) } : {}),
    firstUri: link({}),
    selfUri: link(request.cursor ? { cursor: request.cursor } : { pageNumber: String(pageNumber) }),
    ...(next ? { nextUri: link({ cursor: next }) } : {}),
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url')
}

/** An unreadable cursor reads as the start, as a stale one would on the platform (unverified). */
function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : 0
}
