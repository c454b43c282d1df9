import type { GenesysClient, RequestWaitListeners } from './http'

/** The same client, whose every request tells `waits` while it waits (for its turn, or to retry). */
export function withRequestWaits(client: GenesysClient, waits: RequestWaitListeners): GenesysClient {
  return { ...client, request: (req) => client.request({ ...waits, ...req }) }
}
