import { z } from 'zod'
import { FINAL_GDPR_STATUSES } from '../../../shared/contract/privacy'
import { AppErrorData } from '../../../shared/errors'

const SavedResultsSchema = z.object({
  savedAt: z.string(),
  folder: z.string(),
  files: z.array(
    z.object({
      index: z.number(),
      path: z.string(),
      bytes: z.number(),
      sha256: z.string(),
      csvPaths: z.array(z.string()),
      alreadySaved: z.boolean(),
    }),
  ),
  problems: z.array(z.object({ index: z.number(), message: z.string(), hint: z.string() })),
})

/**
 * One request as the workflow remembers it, persisted so tracking survives restarts. It holds the
 * subject's name for the card (the admin must see whose request it is) but no identifier values.
 */
export const TrackedRequestSchema = z.object({
  id: z.string().min(1),
  profileId: z.string(),
  profileName: z.string(),
  orgName: z.string(),
  // Open, like the API's: a request of a type or in a status added later is kept (gdprApi.ts).
  requestType: z.string().min(1),
  status: z.string().min(1),
  subjectName: z.string(),
  identifierKinds: z.array(z.string()),
  source: z.enum(['switchboard', 'elsewhere']),
  createdBy: z.string().optional(),
  createdDate: z.string(),
  timeline: z.array(z.object({ status: z.string().min(1), seenAt: z.string() })),
  /** GETs of this request by id, scheduled or asked for. */
  polls: z.number().int().min(0),
  /** Scheduled checks done so far: the exponent of the backoff. */
  checksDone: z.number().int().min(0),
  consecutiveFailures: z.number().int().min(0).default(0),
  lastCheckedAt: z.string().optional(),
  nextCheckAt: z.string().optional(),
  lastError: AppErrorData.optional(),
  /** Why tracking stopped before a final status. */
  gone: z.enum(['request_not_found', 'profile_removed']).optional(),
  resultsCount: z.number().int().min(0),
  saved: z.array(SavedResultsSchema),
  /** The completion (or error) was announced; never twice, and not for requests found already finished. */
  announced: z.boolean(),
})
export type TrackedRequest = z.infer<typeof TrackedRequestSchema>

export function isFinal(request: Pick<TrackedRequest, 'status'>): boolean {
  return FINAL_GDPR_STATUSES.includes(request.status)
}

export function isTracking(request: TrackedRequest): boolean {
  return !isFinal(request) && request.gone === undefined
}
