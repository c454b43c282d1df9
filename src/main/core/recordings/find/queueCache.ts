import type { QueueOption } from '../../../../shared/contract/recordings'
import type { GenesysClient } from '../../genesys'
import { listQueues } from './queuesApi'

const FRESH_FOR_MS = 5 * 60_000

/** The org's queues per profile, read again after a few minutes: names for search results and the filter. */
export class QueueCache {
  private readonly byProfile = new Map<string, { at: number; queues: QueueOption[] }>()

  constructor(private readonly now: () => Date) {}

  async list(profileId: string, client: GenesysClient, signal: AbortSignal, options: { fresh?: boolean } = {}): Promise<QueueOption[]> {
    const cached = this.byProfile.get(profileId)
    if (cached && !options.fresh && this.now().getTime() - cached.at < FRESH_FOR_MS) return cached.queues
    const queues = (await listQueues(client, signal)).sort((a, b) => a.name.localeCompare(b.name))
    this.byProfile.set(profileId, { at: this.now().getTime(), queues })
    return queues
  }

  /** Names by id for a find; an org whose queues cannot be read shows queue ids only. */
  async namesFor(profileId: string, client: GenesysClient, signal: AbortSignal): Promise<Map<string, string>> {
    try {
      return new Map((await this.list(profileId, client, signal)).map((queue) => [queue.id, queue.name]))
    } catch (error) {
      if (signal.aborted) throw error
      return new Map()
    }
  }
}
