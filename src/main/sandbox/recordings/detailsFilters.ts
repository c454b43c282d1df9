/**
 * The analytics details query's filters, as far as the sandbox understands them: segment filters are
 * checked against each segment (with its session's media type, direction and recording flag) and hold
 * when some segment matches; conversation filters against the conversation. Top-level filters all hold.
 */
import { z } from 'zod'
import type { DetailsConversation, DetailsSegment, DetailsSession } from './conversationDetails'

const Predicate = z.object({
  type: z.enum(['dimension', 'property', 'metric']).default('dimension'),
  dimension: z.string().min(1),
  operator: z.enum(['matches', 'exists', 'notExists']).default('matches'),
  value: z.string().optional(),
})
type Predicate = z.infer<typeof Predicate>

const Clause = z.object({ type: z.enum(['and', 'or']), predicates: z.array(Predicate).min(1) })

export const DetailsFilter = z.object({
  type: z.enum(['and', 'or']),
  predicates: z.array(Predicate).default([]),
  clauses: z.array(Clause).default([]),
})
export type DetailsFilter = z.infer<typeof DetailsFilter>

export const SEGMENT_DIMENSIONS = ['recording', 'queueId', 'mediaType', 'direction', 'segmentType', 'purpose', 'conversationId'] as const
export const CONVERSATION_DIMENSIONS = ['originatingDirection', 'conversationId', 'divisionId'] as const

/** The first dimension a filter names that the sandbox does not know, for a 400. */
export function unknownDimension(filters: DetailsFilter[], known: readonly string[]): string | undefined {
  for (const filter of filters) {
    for (const predicate of [...filter.predicates, ...filter.clauses.flatMap((c) => c.predicates)]) {
      if (!known.includes(predicate.dimension)) return predicate.dimension
    }
  }
  return undefined
}

/** A predicate without a value that needs one (matches), for a 400. */
export function missingValue(filters: DetailsFilter[]): Predicate | undefined {
  return filters
    .flatMap((filter) => [...filter.predicates, ...filter.clauses.flatMap((c) => c.predicates)])
    .find((predicate) => predicate.operator === 'matches' && predicate.value === undefined)
}

type Lookup = (dimension: string) => string | boolean | undefined

function holds(predicate: Predicate, lookup: Lookup): boolean {
  const actual = lookup(predicate.dimension)
  const present = actual !== undefined && actual !== false
  if (predicate.operator === 'exists') return present
  if (predicate.operator === 'notExists') return !present
  return present && String(actual).toLowerCase() === predicate.value?.toLowerCase()
}

function filterHolds(filter: DetailsFilter, lookup: Lookup): boolean {
  const results = [
    ...filter.predicates.map((p) => holds(p, lookup)),
    ...filter.clauses.map((clause) => {
      const inner = clause.predicates.map((p) => holds(p, lookup))
      return clause.type === 'and' ? inner.every(Boolean) : inner.some(Boolean)
    }),
  ]
  if (results.length === 0) return true
  return filter.type === 'and' ? results.every(Boolean) : results.some(Boolean)
}

function segmentLookup(conversation: DetailsConversation, purpose: string, session: DetailsSession, segment: DetailsSegment): Lookup {
  return (dimension) => {
    switch (dimension) {
      case 'recording':
        return session.recording === true
      case 'queueId':
        return segment.queueId
      case 'mediaType':
        return session.mediaType
      case 'direction':
        return session.direction
      case 'segmentType':
        return segment.segmentType
      case 'purpose':
        return purpose
      case 'conversationId':
        return conversation.conversationId
      default:
        return undefined
    }
  }
}

/** True when every segment filter is met by some segment and every conversation filter by the conversation. */
export function conversationMatches(
  conversation: DetailsConversation,
  segmentFilters: DetailsFilter[],
  conversationFilters: DetailsFilter[],
): boolean {
  const conversationLookup: Lookup = (dimension) =>
    dimension === 'originatingDirection'
      ? conversation.originatingDirection
      : dimension === 'conversationId'
        ? conversation.conversationId
        : dimension === 'divisionId'
          ? conversation.divisionIds[0]
          : undefined
  if (!conversationFilters.every((filter) => filterHolds(filter, conversationLookup))) return false
  return segmentFilters.every((filter) =>
    conversation.participants.some((participant) =>
      participant.sessions.some((session) =>
        session.segments.some((segment) => filterHolds(filter, segmentLookup(conversation, participant.purpose, session, segment))),
      ),
    ),
  )
}
