import { SUBMIT_CREATION_UNKNOWN, SUBMIT_NOT_CREATED, type GdprSubjectData } from '../../../shared/contract/privacy'
import { AppError, toAppError } from '../../../shared/errors'
import type { GenesysClient } from '../genesys'
import { listGdprRequests, postGdprRequest, toSubjectData, type GdprRequest } from './gdprApi'
import type { ValidatedRequest } from './validateRequest'

/** Pages of the org's list read when looking for a request whose POST answer was lost. */
const LOOKUP_PAGES = 3
const LOOKUP_PAGE_SIZE = 100
/** Clock difference between this computer and Genesys Cloud that the lookup tolerates. */
const CLOCK_SLACK_MS = 5 * 60_000

export interface SubmitOutcome {
  request: GdprRequest
  correlationId?: string
  foundAfterFailure: boolean
}

/**
 * POSTs the request once. When the answer is lost in a way that leaves it unknown whether Genesys Cloud
 * created the request (a 5xx, a reset, a timeout, an unreadable 2xx), it looks in the org's list before
 * saying anything: a request found there is adopted, so nothing is ever created twice silently; a
 * request not found is reported as not created (safe to submit again); a failed lookup says so.
 */
export async function submitGdprRequest(
  client: GenesysClient,
  validated: ValidatedRequest,
  knownIds: Set<string>,
  now: () => Date,
  signal?: AbortSignal,
): Promise<SubmitOutcome> {
  const startedAt = now().getTime()
  try {
    const answer = await postGdprRequest(client, validated.body, validated.deleteConfirmed, signal)
    return { request: answer.data, correlationId: answer.correlationId, foundAfterFailure: false }
  } catch (error) {
    const failure = toAppError(error)
    if (!mayHaveBeenCreated(failure)) throw failure
    let found: GdprRequest | undefined
    try {
      found = await findCreated(client, validated, knownIds, startedAt, signal)
    } catch (lookupError) {
      throw creationUnknown(failure, toAppError(lookupError))
    }
    if (!found) throw notCreated(failure)
    return { request: found, correlationId: failure.correlationId, foundAfterFailure: true }
  }
}

function mayHaveBeenCreated(failure: AppError): boolean {
  return failure.code === 'server_error' || failure.code === 'timeout' || failure.code === 'network'
}

async function findCreated(
  client: GenesysClient,
  validated: ValidatedRequest,
  knownIds: Set<string>,
  startedAt: number,
  signal?: AbortSignal,
): Promise<GdprRequest | undefined> {
  const wanted = fingerprint(validated.body.subject)
  const candidates: GdprRequest[] = []
  for (let page = 1; page <= LOOKUP_PAGES; page++) {
    const listing = (await listGdprRequests(client, page, LOOKUP_PAGE_SIZE, signal)).data
    candidates.push(
      ...listing.entities.filter(
        (r) =>
          !knownIds.has(r.id) &&
          r.requestType === validated.body.requestType &&
          Date.parse(r.createdDate) >= startedAt - CLOCK_SLACK_MS &&
          r.subject !== undefined &&
          fingerprint(toSubjectData(r.subject)) === wanted,
      ),
    )
    if (listing.pageCount === undefined || page >= listing.pageCount) break
  }
  return candidates.sort((a, b) => Date.parse(b.createdDate) - Date.parse(a.createdDate))[0]
}

/** The same subject, whatever the order of its lists or the case of its emails. */
function fingerprint(subject: GdprSubjectData): string {
  const sorted = (values: string[], lower = false) => values.map((v) => (lower ? v.trim().toLowerCase() : v.trim())).sort()
  return JSON.stringify([
    subject.name?.trim().toLowerCase() ?? '',
    subject.userId ?? '',
    subject.externalContactId ?? '',
    subject.dialerContactId?.id ?? '',
    subject.journeyCustomer?.id ?? '',
    subject.socialHandle ? `${subject.socialHandle.type}:${subject.socialHandle.value.toLowerCase()}` : '',
    subject.externalId ?? '',
    sorted(subject.addresses, true),
    sorted(subject.phoneNumbers),
    sorted(subject.emailAddresses, true),
  ])
}

function notCreated(failure: AppError): AppError {
  return new AppError({
    ...failure.toData(),
    message: `${failure.message} Switchboard then checked the org's request list: the request was not created.`,
    hint: 'Nothing was sent twice. Submit it again when Genesys Cloud answers normally.',
    details: [{ errorCode: SUBMIT_NOT_CREATED }],
  })
}

function creationUnknown(failure: AppError, lookup: AppError): AppError {
  return new AppError({
    ...failure.toData(),
    message: `${failure.message} Switchboard could not check whether the request was created: ${lookup.message}`,
    hint: 'Do not submit it again yet. When Genesys Cloud answers again, choose Refresh from org on the Privacy screen and look for the request; submit again only if it is not there.',
    details: [{ errorCode: SUBMIT_CREATION_UNKNOWN }],
  })
}
