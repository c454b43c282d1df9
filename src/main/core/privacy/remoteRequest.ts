import type { GdprStatus } from '../../../shared/contract/privacy'
import { resultUrlsOf, toSubjectData, type GdprRequest } from './gdprApi'
import { identifierKinds } from './subjectKinds'
import { isFinal, type TrackedRequest } from './trackedRequest'

export interface RequestOrigin {
  profileId: string
  profileName: string
  orgName: string
  source: TrackedRequest['source']
}

/** A request first seen in an answer from Genesys Cloud (its POST, or the org's list). */
export function trackedFrom(remote: GdprRequest, origin: RequestOrigin, now: Date): TrackedRequest {
  const subject = remote.subject ? toSubjectData(remote.subject) : undefined
  const request: TrackedRequest = {
    id: remote.id,
    ...origin,
    requestType: remote.requestType,
    status: remote.status,
    subjectName: subject?.name?.trim() || '(no name given)',
    identifierKinds: subject ? identifierKinds(subject) : [],
    createdDate: remote.createdDate,
    timeline: [{ status: remote.status, seenAt: now.toISOString() }],
    polls: 0,
    checksDone: 0,
    consecutiveFailures: 0,
    resultsCount: resultUrlsOf(remote).length,
    saved: [],
    // Found already finished: there is nothing to announce.
    announced: isFinal(remote),
  }
  if (remote.createdBy?.name) request.createdBy = remote.createdBy.name
  return request
}

/** Takes in what Genesys Cloud now says; returns the status change, if there was one. */
export function applyRemote(request: TrackedRequest, remote: GdprRequest, now: Date): { from: GdprStatus; to: GdprStatus } | undefined {
  request.resultsCount = resultUrlsOf(remote).length
  if (remote.subject?.name?.trim()) request.subjectName = remote.subject.name.trim()
  if (remote.status === request.status) return undefined
  const from = request.status
  request.status = remote.status
  request.timeline.push({ status: remote.status, seenAt: now.toISOString() })
  return { from, to: remote.status }
}
