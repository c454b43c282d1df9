export { endpointsFor, type GenesysEndpoints } from './regions'
export {
  createGenesysClient,
  type GenesysClient,
  type GenesysClientOptions,
  type GenesysRequest,
  type GenesysResponse,
  type RequestWaitListeners,
  type HttpMethod,
} from './http'
export { createTokenProvider, type AccessToken, type TokenProvider, type TokenProviderOptions } from './auth'
export {
  toGenesysAppError,
  toOAuthAppError,
  cancelledError,
  timeoutError,
  unexpectedShapeError,
  rateLimitedWaitingHint,
  missingPermissionOf,
  type GenesysErrorContext,
} from './errors'
export { pathForRecord, type ApiCallRecord, type OnCall } from './callRecord'
export type { ApiIntent, RetryWaitNotice } from './sendWithRetries'
export { type RateLimitSnapshot } from './rateLimit'
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
export { abortableSleep, type Sleep } from './sleep'
export { withRequestWaits } from './requestWaits'
export { getOrganizationMe, OrganizationMe } from './organizations'
export { getUser, GenesysUser } from './users'
export { RequestPacer, DEFAULT_REQUESTS_PER_MINUTE, type PaceWaitListener, type RequestPacerOptions } from './pacer'
