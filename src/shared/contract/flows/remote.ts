/**
 * The remote archive (the seed's backup copy), optional: an endpoint the admin configures receives each
 * archive run's manifest and new files by POST with an Idempotency-Key derived from the flow id and the
 * versions' ids and hashes (never random), through the kit's outbound HTTP module. 409 counts as already
 * archived; 429 and 5xx back off. Delivery state is shown on the archive run (ArchiveView.remote).
 */
import { z } from 'zod'
import { method } from '../define'
import { Empty, Id } from '../common'

export const RemoteArchiveSettingsInput = z
  .object({
    enabled: z.boolean(),
    /** https (or http to 127.0.0.1 / localhost, for a local archive); checked by the core. */
    url: z.string().trim().max(2000),
    /** Sent as `Authorization: Bearer <token>`; sealed; omitted: keep the stored one; '' removes it. */
    token: z.string().max(4096).optional(),
  })
  .strict()
export type RemoteArchiveSettingsInput = z.input<typeof RemoteArchiveSettingsInput>

export interface RemoteArchiveSettings {
  enabled: boolean
  url: string
  hasToken: boolean
}

export const flowRemoteMethods = {
  'flows.remote.get': method<typeof Empty, RemoteArchiveSettings>(Empty),
  'flows.remote.set': method<typeof RemoteArchiveSettingsInput, RemoteArchiveSettings>(RemoteArchiveSettingsInput),
  /** Sends (again) the copy of one archive run (by its job id): after a failure, or for a run made before the remote was set. */
  'flows.remote.send': method<typeof Id, { accepted: boolean }>(Id),
}
