/** GET /api/v2/routing/queues (routing:queue:view), every page. */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const PAGE_SIZE = 100
/** A guard against a paging answer that never ends: 100 pages of 100 queues. */
const MAX_PAGES = 100

const QueuePage = z.looseObject({
  entities: z
    .array(z.looseObject({ id: z.string().min(1), name: z.string().default('') }))
    .nullish()
    .transform((v) => v ?? []),
  pageCount: z.number().int().optional(),
})

export async function listQueues(client: GenesysClient, signal: AbortSignal): Promise<{ id: string; name: string }[]> {
  const queues: { id: string; name: string }[] = []
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const { data } = await client.request({
      method: 'GET',
      path: '/api/v2/routing/queues',
      params: { pageSize: PAGE_SIZE, pageNumber },
      schema: QueuePage,
      signal,
    })
    queues.push(...data.entities.map((queue) => ({ id: queue.id, name: queue.name })))
    if (data.entities.length === 0 || pageNumber >= (data.pageCount ?? pageNumber)) break
  }
  return queues
}
