import {
  isKnownGdprRequestType,
  isKnownGdprStatus,
  type GdprRequestType,
  type GdprStatus,
  type KnownGdprRequestType,
  type PrivacyRequestView,
} from '../../../shared/contract/privacy'
import { guidanceFor } from './guidance'
import { isTracking, type TrackedRequest } from './trackedRequest'

const MIDDLE: Record<KnownGdprRequestType, GdprStatus[]> = {
  GDPR_EXPORT: [],
  GDPR_UPDATE: ['UPDATING'],
  GDPR_DELETE: ['DELETING'],
}

/**
 * The statuses a request of this type passes through. One that ended in ERROR shows the phases it was
 * seen in (and those before them), then ERROR: where it stopped, not phases it never reached.
 */
export function statusPath(requestType: GdprRequestType, status: GdprStatus, seen: GdprStatus[] = []): GdprStatus[] {
  const middle = isKnownGdprRequestType(requestType) ? MIDDLE[requestType] : []
  const steps: GdprStatus[] = ['INITIATED', 'SEARCHING', ...middle, 'FINALIZING']
  // A status this version does not know: shown where it was seen, after the last known step seen.
  if (!isKnownGdprStatus(status)) {
    const reached = Math.max(0, ...seen.map((s) => steps.indexOf(s)))
    return [...steps.slice(0, reached + 1), status, ...steps.slice(reached + 1), 'COMPLETED']
  }
  if (status !== 'ERROR') return [...steps, 'COMPLETED']
  const reached = Math.max(0, ...seen.map((s) => steps.indexOf(s)))
  return [...steps.slice(0, reached + 1), 'ERROR']
}

export function toRequestView(request: TrackedRequest): PrivacyRequestView {
  const view: PrivacyRequestView = {
    id: request.id,
    profileId: request.profileId,
    profileName: request.profileName,
    orgName: request.orgName,
    requestType: request.requestType,
    status: request.status,
    subjectName: request.subjectName,
    identifierKinds: request.identifierKinds,
    source: request.source,
    createdDate: request.createdDate,
    path: statusPath(
      request.requestType,
      request.status,
      request.timeline.map((step) => step.status),
    ),
    timeline: request.timeline,
    tracking: isTracking(request),
    polls: request.polls,
    resultsCount: request.resultsCount,
    saved: request.saved,
  }
  if (request.createdBy) view.createdBy = request.createdBy
  if (request.lastCheckedAt) view.lastCheckedAt = request.lastCheckedAt
  if (request.nextCheckAt && view.tracking) view.nextCheckAt = request.nextCheckAt
  if (request.lastError) view.lastError = request.lastError
  const guidance = guidanceFor(request)
  if (guidance) view.guidance = guidance
  return view
}

/** Newest first. */
export function byNewest(a: { createdDate: string }, b: { createdDate: string }): number {
  return Date.parse(b.createdDate) - Date.parse(a.createdDate)
}
