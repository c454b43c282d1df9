import type { PrivacyGuidance } from '../../../shared/contract/privacy'
import type { TrackedRequest } from './trackedRequest'

/** Failed checks in a row before the card says so loudly (single blips are normal over days). */
const FAILURES_BEFORE_WARNING = 3

/** What the admin should do about a request, when there is something to do. */
export function guidanceFor(request: TrackedRequest): PrivacyGuidance | undefined {
  if (request.status === 'ERROR') {
    return {
      title: 'Genesys Cloud could not finish this request',
      message: 'The request ended in ERROR. The GDPR API does not say why.',
      hint: `Search for the subject again and check that each identifier still belongs to this person and is written as Genesys Cloud stores it (E.164 phone numbers, full email addresses); then submit a new request. If it fails again, open a case with Genesys Cloud Customer Care and quote request id ${request.id}.`,
    }
  }
  if (request.gone === 'request_not_found') {
    return {
      title: 'Genesys Cloud no longer knows this request',
      message: `Checking request ${request.id} answered 404 Not Found, so tracking stopped.`,
      hint: 'It may belong to another org or region than the profile now points at, or (Sandbox) the sandbox was restarted. Remove it from the list, and submit it again if it is still needed.',
    }
  }
  if (request.gone === 'profile_removed') {
    return {
      title: 'The profile of this request was removed',
      message: `Switchboard cannot check it without the profile “${request.profileName}”.`,
      hint: 'Add the org in Connections again and choose Refresh from org to pick the request up, or remove it from this list.',
    }
  }
  const error = request.lastError
  if (error && (error.code === 'unauthorized' || error.code === 'forbidden' || request.consecutiveFailures >= FAILURES_BEFORE_WARNING)) {
    return {
      title: `The last ${request.consecutiveFailures > 1 ? `${request.consecutiveFailures} checks` : 'check'} failed`,
      message: error.message,
      hint: `${error.hint} Switchboard keeps checking on its schedule.`,
    }
  }
  return undefined
}
