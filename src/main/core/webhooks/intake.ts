import { randomBytes } from 'node:crypto'
import type { AppEvent } from '../../../shared/api'
import type { AppEventExtra } from '../events/appEventHub'
import type { StoredDelivery } from './deliveryRecord'
import type { StoredEndpoint } from './endpointStore'

const ID_BYTES = 12
/** Random bytes for this many ids, drawn at once: one randomBytes call costs about as much as a delivery's signature. */
const IDS_PER_DRAW = 256
let pool = Buffer.alloc(0)
let poolOffset = 0

export function newDeliveryId(): string {
  if (poolOffset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * IDS_PER_DRAW)
    poolOffset = 0
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES)
  poolOffset += ID_BYTES
  return `dl_${id}`
}

/**
 * The data an endpoint gets for an event: the payload (ids, hashes, counts, times: never personal
 * data), plus the download link only for an endpoint that opted in; for any other it is never stored.
 */
export function dataFor(endpoint: StoredEndpoint, payload: Record<string, unknown>, extra?: AppEventExtra): Record<string, unknown> {
  return endpoint.includeDownloadLinks && extra?.downloadUrl ? { ...payload, downloadUrl: extra.downloadUrl } : { ...payload }
}

/** One queued delivery per enabled endpoint that subscribed to the event's type. */
export function deliveriesFor(
  event: AppEvent,
  extra: AppEventExtra | undefined,
  endpoints: StoredEndpoint[],
  seq: () => number,
  queuedAt: string,
): StoredDelivery[] {
  return endpoints
    .filter((e) => e.enabled && (e.events as string[]).includes(event.type))
    .map((endpoint) => ({
      id: newDeliveryId(),
      seq: seq(),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      occurredAt: event.occurredAt,
      data: dataFor(endpoint, event.payload as Record<string, unknown>, extra),
      state: 'queued' as const,
      attempts: [],
      queuedAt,
    }))
}
