import { z } from 'zod'
import type { RemoteDeliveryView } from '../../../../shared/contract/flows'
import { AppErrorData } from '../../../../shared/errors'

/** One version the copy carries: as the manifest lists it, so the file can be found and checked. */
export const DeliveredVersion = z.object({
  id: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().min(0),
  /** Relative to the archive folder (ARCHIVE_LAYOUT.configurationFile). */
  file: z.string().min(1),
})
export type DeliveredVersion = z.infer<typeof DeliveredVersion>

/** 'unsent': recorded while no remote archive was on; not shown on the run until someone sends it. */
export const DELIVERY_STATES = ['unsent', 'pending', 'sending', 'waiting', 'delivered', 'already-archived', 'failed'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]
export const FINAL_DELIVERY_STATES: ReadonlySet<DeliveryState> = new Set(['delivered', 'already-archived', 'failed'])

/** The copy of one archive run and how its delivery goes, kept in <dataDir>/flows/remote-deliveries.json. */
export const DeliveryRecord = z.object({
  /** The archive run's job id. */
  archiveId: z.string().min(1),
  flowId: z.string().min(1),
  flowName: z.string(),
  folder: z.string().min(1),
  /** Who the run was made for, as its audit entries name them. */
  profileName: z.string(),
  orgName: z.string(),
  versions: z.array(DeliveredVersion).min(1),
  idempotencyKey: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  state: z.enum(DELIVERY_STATES),
  /** Attempts of the current round (a manual send starts a new one). */
  attempts: z.number().int().min(0),
  lastStatus: z.number().int().optional(),
  nextAttemptAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  error: AppErrorData.optional(),
})
export type DeliveryRecord = z.infer<typeof DeliveryRecord>

/** What the archive run shows (ArchiveView.remote); nothing while the copy is unsent. */
export function toRemoteDeliveryView(record: DeliveryRecord): RemoteDeliveryView | undefined {
  if (record.state === 'unsent') return undefined
  return {
    state: record.state,
    idempotencyKey: record.idempotencyKey,
    attempts: record.attempts,
    ...(record.lastStatus !== undefined ? { lastStatus: record.lastStatus } : {}),
    ...(record.nextAttemptAt ? { nextAttemptAt: record.nextAttemptAt } : {}),
    ...(record.deliveredAt ? { deliveredAt: record.deliveredAt } : {}),
    ...(record.error ? { error: record.error } : {}),
  }
}
