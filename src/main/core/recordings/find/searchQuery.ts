import type { z } from 'zod'
import type { RecordingSearchCriteria } from '../../../../shared/contract/recordings'
import type { DetailsFilter, DetailsQuery } from './analyticsApi'

export type SearchCriteria = z.output<typeof RecordingSearchCriteria>

/**
 * The details query for a search: conversations with a recording (the recording-exists segment
 * predicate), in any of the chosen queues, of the chosen media type, by originating direction.
 */
export function detailsQueryFor(criteria: SearchCriteria): DetailsQuery {
  const recorded: DetailsFilter = {
    type: 'and',
    predicates: [
      { type: 'dimension', dimension: 'recording', operator: 'exists' },
      ...(criteria.mediaType
        ? [{ type: 'dimension' as const, dimension: 'mediaType', operator: 'matches' as const, value: criteria.mediaType }]
        : []),
    ],
  }
  const queues: DetailsFilter[] =
    criteria.queueIds.length > 0
      ? [
          {
            type: 'or',
            predicates: criteria.queueIds.map((queueId) => ({
              type: 'dimension',
              dimension: 'queueId',
              operator: 'matches',
              value: queueId,
            })),
          },
        ]
      : []
  const direction: DetailsFilter[] = criteria.direction
    ? [
        {
          type: 'and',
          predicates: [{ type: 'dimension', dimension: 'originatingDirection', operator: 'matches', value: criteria.direction }],
        },
      ]
    : []
  return {
    interval: `${new Date(criteria.from).toISOString()}/${new Date(criteria.to).toISOString()}`,
    order: 'asc',
    orderBy: 'conversationStart',
    segmentFilters: [recorded, ...queues],
    conversationFilters: direction,
  }
}

/** Which filters a search used, for the audit log (never their values). */
export function filterKinds(criteria: SearchCriteria): string {
  const kinds = ['recording']
  if (criteria.queueIds.length > 0) kinds.push('queue')
  if (criteria.direction) kinds.push('direction')
  if (criteria.mediaType) kinds.push('mediaType')
  return kinds.join(',')
}
