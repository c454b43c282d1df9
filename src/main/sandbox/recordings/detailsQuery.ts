/**
 * The analytics conversation details query (synchronous and as an async job): body, interval and
 * the conversations it selects. Limits as reported for the platform: the synchronous query takes at
 * most 7 days and serves at most 10,000 results; pages of at most 100.
 */
import { z } from 'zod'
import { toDetailsConversation, type DetailsConversation } from './conversationDetails'
import {
  CONVERSATION_DIMENSIONS,
  DetailsFilter,
  SEGMENT_DIMENSIONS,
  conversationMatches,
  missingValue,
  unknownDimension,
} from './detailsFilters'
import type { RecordingStore } from './recordingStore'

export const MAX_QUERY_INTERVAL_MS = 7 * 86_400_000
export const MAX_QUERY_RESULTS = 10_000
export const DEFAULT_QUERY_PAGE_SIZE = 25
export const MAX_QUERY_PAGE_SIZE = 100

const filters = z.array(DetailsFilter).default([])

export const DetailsJobBody = z.object({
  interval: z.string().min(1),
  order: z.enum(['asc', 'desc']).default('asc'),
  orderBy: z.enum(['conversationStart', 'conversationEnd']).default('conversationStart'),
  segmentFilters: filters,
  conversationFilters: filters,
})
export type DetailsJobBody = z.infer<typeof DetailsJobBody>

export const DetailsQueryBody = DetailsJobBody.extend({
  paging: z
    .object({
      pageSize: z.number().int().min(1).max(MAX_QUERY_PAGE_SIZE).default(DEFAULT_QUERY_PAGE_SIZE),
      pageNumber: z.number().int().min(1).default(1),
    })
    .default({ pageSize: DEFAULT_QUERY_PAGE_SIZE, pageNumber: 1 }),
})
export type DetailsQueryBody = z.infer<typeof DetailsQueryBody>

export interface Interval {
  start: number
  end: number
}

/** "start/end" in ISO 8601, start before end; a message for a 400 otherwise. */
export function parseInterval(text: string): Interval | { problem: string } {
  const parts = text.split('/')
  const [start, end] = parts.map((part) => Date.parse(part))
  if (parts.length !== 2 || !Number.isFinite(start) || !Number.isFinite(end)) {
    return { problem: `Invalid interval '${text}': expected two ISO-8601 instants as start/end.` }
  }
  if (end <= start) return { problem: `Invalid interval '${text}': the end must be after the start.` }
  return { start, end }
}

/** Why the filters cannot be served (an unknown dimension, a matches without a value), or undefined. */
export function filterProblem(body: DetailsJobBody): string | undefined {
  const segment = unknownDimension(body.segmentFilters, SEGMENT_DIMENSIONS)
  if (segment) return `Unsupported segment filter dimension '${segment}'.`
  const conversation = unknownDimension(body.conversationFilters, CONVERSATION_DIMENSIONS)
  if (conversation) return `Unsupported conversation filter dimension '${conversation}'.`
  const valueless = missingValue([...body.segmentFilters, ...body.conversationFilters])
  if (valueless) return `The predicate on '${valueless.dimension}' uses operator matches and needs a value.`
  return undefined
}

/** The conversations that started in the interval and meet the filters, in the asked order. */
export function selectConversations(store: RecordingStore, body: DetailsJobBody, interval: Interval): DetailsConversation[] {
  const key = body.orderBy === 'conversationEnd' ? 'end' : 'start'
  const chosen = store
    .conversations()
    .filter((c) => c.start >= interval.start && c.start < interval.end)
    .sort((a, b) => a[key] - b[key] || a.id.localeCompare(b.id))
    .map(toDetailsConversation)
    .filter((c) => conversationMatches(c, body.segmentFilters, body.conversationFilters))
  return body.order === 'desc' ? chosen.reverse() : chosen
}
