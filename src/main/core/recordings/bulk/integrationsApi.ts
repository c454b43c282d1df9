/** The org's integrations (GET /api/v2/integrations), for the S3 integration an EXPORT job writes to. */
import { z } from 'zod'
import type { S3Integration } from '../../../../shared/contract/recordings'
import type { GenesysClient } from '../../genesys'

/** The integration type of an AWS S3 recording bulk actions integration. */
export const S3_BULK_INTEGRATION_TYPE = 'aws-s3-recording-bulk-actions-integration'
/** Pages read at most: an org has a few dozen integrations. */
const MAX_PAGES = 10

const IntegrationListing = z.looseObject({
  entities: z
    .array(
      z.looseObject({ id: z.string().min(1), name: z.string().default(''), integrationType: z.looseObject({ id: z.string() }).optional() }),
    )
    .nullish()
    .transform((v) => v ?? []),
  pageCount: z.number().int().optional(),
})

/** Every AWS S3 recording bulk actions integration of the org (integrations:integration:view). */
export async function listS3BulkIntegrations(client: GenesysClient, signal?: AbortSignal): Promise<S3Integration[]> {
  const found: S3Integration[] = []
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const { data } = await client.request({
      method: 'GET',
      path: '/api/v2/integrations',
      // The type filter narrows the list where the platform supports it; the type is checked here either way.
      params: { pageSize: 100, pageNumber, integrationType: S3_BULK_INTEGRATION_TYPE },
      schema: IntegrationListing,
      signal,
    })
    for (const entity of data.entities) {
      if (entity.integrationType?.id === S3_BULK_INTEGRATION_TYPE) found.push({ id: entity.id, name: entity.name || entity.id })
    }
    if (pageNumber >= (data.pageCount ?? 1)) break
  }
  return found
}
