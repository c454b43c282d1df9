/**
 * One find, run in the background: the search (or the pasted ids), then each conversation's recordings
 * listed a few at a time through the shared client (its pacer keeps the rate). A conversation whose
 * listing fails keeps its error and the others go on; a missing permission stops the find, since every
 * other conversation would be refused the same way. While its requests wait for the rate limit or to
 * retry, the view says until when, so the screen never sits silent.
 */
import type { FindWait, FoundConversation, RecordingFindInput, RecordingFindView } from '../../../../shared/contract/recordings'
import { AppError, toAppError } from '../../../../shared/errors'
import type { z } from 'zod'
import { withRequestWaits, type GenesysClient, type Sleep } from '../../genesys'
import type { DetailsConversation } from './analyticsApi'
import { ChangeThrottle, changeIntervalMs } from './changeThrottle'
import { getRecordingMetadata } from './recordingMetadataApi'
import { toRecordingRow } from './recordingRow'
import { searchConversations, type JobPolling } from './searchConversations'
import { detailsQueryFor } from './searchQuery'
import { withPermissionHint } from './permissionHint'

export type FindCriteria = z.output<typeof RecordingFindInput>

/** Conversations listed at once; the client's pacer spaces the requests under the rate limit. */
const LISTING_CONCURRENCY = 4

export interface FindRunDeps {
  client: GenesysClient
  sleep: Sleep
  now: () => Date
  polling: JobPolling
  /** Queue names by id, for the search results; empty when the list cannot be read. */
  queueNames(signal: AbortSignal): Promise<Map<string, string>>
  emit(view: RecordingFindView): void
  /** A conversation's listing failed (not cancelled): for the audit log. */
  listingFailed(conversationId: string, error: AppError): void
  /** The find ended (done, failed or cancelled): awaited before the last change signal, for the audit log. */
  finished(view: RecordingFindView, correlationId: string | undefined): Promise<void>
}

export class FindRun {
  readonly view: RecordingFindView
  readonly done: Promise<void>
  private readonly controller = new AbortController()
  private readonly throttle: ChangeThrottle
  /** The shared client, whose requests tell this find when they wait. */
  private readonly client: GenesysClient
  private correlationId: string | undefined

  constructor(
    id: string,
    criteria: FindCriteria,
    private readonly deps: FindRunDeps,
  ) {
    this.view = {
      id,
      revision: 0,
      criteria,
      state: criteria.kind === 'search' ? 'searching' : 'listing',
      pagesRead: 0,
      conversationsFound: 0,
      conversationsListed: 0,
      conversationsFailed: 0,
      conversations:
        criteria.kind === 'ids' ? criteria.conversationIds.map((conversationId) => ({ conversationId, queueIds: [], queueNames: [] })) : [],
      recordings: [],
      startedAt: deps.now().toISOString(),
    }
    this.view.conversationsFound = this.view.conversations.length
    this.client = withRequestWaits(deps.client, {
      onRateLimitWait: (untilMs) => this.waitUntil(untilMs, { cause: 'rateLimit' }),
      onRetryWait: (wait) => this.waitUntil(deps.now().getTime() + wait.delayMs, { cause: 'retry', reason: wait.reason }),
    })
    this.throttle = new ChangeThrottle(
      () => deps.emit(this.snapshot()),
      () => changeIntervalMs(this.view.conversations.length),
    )
    // Started on the next turn, so the caller gets the first view before any request goes out.
    this.done = Promise.resolve().then(() => this.run())
  }

  get finished(): boolean {
    return this.view.finishedAt !== undefined
  }

  /** A copy numbered above every earlier one, so a screen can keep the newest whichever way it comes. */
  snapshot(): RecordingFindView {
    this.view.revision++
    return structuredClone(this.view)
  }

  cancel(): void {
    this.controller.abort(
      new AppError({ code: 'cancelled', message: 'The find was cancelled.', hint: 'Start it again to see every recording.' }),
    )
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal
    let state: RecordingFindView['state']
    try {
      if (this.view.criteria.kind === 'search') await this.search(this.view.criteria, signal)
      this.view.state = 'listing'
      this.throttle.changed()
      await this.listAll(signal)
      state = signal.aborted ? 'cancelled' : this.view.error ? 'failed' : 'done'
    } catch (error) {
      const failure = toAppError(error)
      if (signal.aborted || failure.code === 'cancelled') state = 'cancelled'
      else {
        this.view.error = failure.toData()
        this.correlationId = failure.correlationId ?? this.correlationId
        state = 'failed'
      }
    }
    this.view.state = state
    delete this.view.waiting
    this.view.finishedAt = this.deps.now().toISOString()
    this.throttle.dispose()
    await this.deps.finished(this.view, this.view.error?.correlationId ?? this.correlationId).catch(() => undefined)
    this.throttle.flush()
  }

  private async search(criteria: Extract<FindCriteria, { kind: 'search' }>, signal: AbortSignal): Promise<void> {
    const names = await this.deps.queueNames(signal)
    const seen = new Set<string>()
    await searchConversations(
      detailsQueryFor(criteria),
      { client: this.client, signal, sleep: this.deps.sleep, now: () => this.deps.now().getTime(), polling: this.deps.polling },
      {
        mode: (mode) => {
          this.view.mode = mode
          this.throttle.changed()
        },
        page: (conversations, totalHits, correlationId) => {
          this.answered()
          this.view.pagesRead++
          if (totalHits !== undefined) this.view.totalHits = totalHits
          if (correlationId) this.correlationId = correlationId
          // Pages can overlap when conversations arrive during the search: each conversation once.
          for (const found of conversations) {
            if (seen.has(found.conversationId)) continue
            seen.add(found.conversationId)
            this.view.conversations.push(toFoundConversation(found, names))
          }
          this.view.conversationsFound = this.view.conversations.length
          this.throttle.changed()
        },
      },
    ).catch((error: unknown) => {
      throw withPermissionHint(error, 'analytics:conversationDetail:view', 'search conversations')
    })
  }

  private async listAll(signal: AbortSignal): Promise<void> {
    let next = 0
    const worker = async () => {
      while (!signal.aborted && !this.view.error) {
        const conversation = this.view.conversations[next++]
        if (!conversation) return
        await this.list(conversation, signal)
      }
    }
    await Promise.all(Array.from({ length: LISTING_CONCURRENCY }, worker))
  }

  private async list(conversation: FoundConversation, signal: AbortSignal): Promise<void> {
    try {
      const response = await getRecordingMetadata(this.client, conversation.conversationId, signal)
      const rows = response.data.map((metadata) => toRecordingRow(conversation.conversationId, metadata))
      conversation.recordingCount = rows.length
      this.view.recordings.push(...rows)
      this.view.conversationsListed++
    } catch (error) {
      if (signal.aborted) return
      const failure = withPermissionHint(error, 'recording:recording:view', 'list recordings')
      conversation.error = failure.toData()
      this.view.conversationsFailed++
      this.deps.listingFailed(conversation.conversationId, failure)
      // Every other conversation would be refused the same way: stop here.
      if (failure.code === 'forbidden' || failure.code === 'unauthorized') this.view.error = failure.toData()
    }
    this.answered()
    this.throttle.changed()
  }

  /** Shown until the latest time any of its requests was told to wait for. */
  private waitUntil(untilMs: number, why: Omit<FindWait, 'until'>): void {
    const current = this.view.waiting
    if (current && Date.parse(current.until) >= untilMs) return
    this.view.waiting = { until: new Date(untilMs).toISOString(), ...why }
    this.throttle.changed()
  }

  /** An answer came: a wait whose time has passed is over. */
  private answered(): void {
    const waiting = this.view.waiting
    if (waiting && Date.parse(waiting.until) <= this.deps.now().getTime()) delete this.view.waiting
  }
}

function toFoundConversation(found: DetailsConversation, names: Map<string, string>): FoundConversation {
  const sessions = found.participants.flatMap((participant) => participant.sessions)
  const queueIds = [
    ...new Set(sessions.flatMap((session) => session.segments.flatMap((segment) => (segment.queueId ? [segment.queueId] : [])))),
  ]
  const mediaType = sessions.find((session) => session.mediaType)?.mediaType
  return {
    conversationId: found.conversationId,
    ...(found.conversationStart ? { start: found.conversationStart } : {}),
    ...(found.conversationEnd ? { end: found.conversationEnd } : {}),
    ...(found.originatingDirection ? { direction: found.originatingDirection } : {}),
    ...(mediaType ? { mediaType } : {}),
    queueIds,
    queueNames: queueIds.flatMap((id) => {
      const name = names.get(id)
      return name ? [name] : []
    }),
  }
}
