/**
 * Finding calls: a search over a date range (analytics conversation details, recordings only, every
 * page; the async details jobs for ranges the synchronous query cannot serve) or pasted / imported
 * conversation ids; then each conversation's recordings from recordingmetadata. A find runs in the
 * core and pushes its progress; the screen reads it by id.
 */
import { z } from 'zod'
import type { AppErrorData } from '../../errors'
import { method, signal } from '../define'
import { Empty, Id } from '../common'
import { ConversationId, type RecordingRow } from './common'

export const DIRECTIONS = ['inbound', 'outbound'] as const
/** At most this many conversation ids in one find. */
export const MAX_FIND_IDS = 50_000
export const SEARCH_MEDIA_TYPES = ['voice', 'chat', 'email', 'message', 'callback'] as const

export const RecordingSearchCriteria = z
  .object({
    kind: z.literal('search'),
    /** ISO 8601 instants; from < to. */
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    queueIds: z.array(z.string().min(1).max(200)).max(50).default([]),
    direction: z.enum(DIRECTIONS).optional(),
    mediaType: z.enum(SEARCH_MEDIA_TYPES).optional(),
  })
  .strict()

export const RecordingIdsCriteria = z
  .object({
    kind: z.literal('ids'),
    conversationIds: z.array(ConversationId).min(1).max(MAX_FIND_IDS),
  })
  .strict()

export const RecordingFindInput = z.discriminatedUnion('kind', [RecordingSearchCriteria, RecordingIdsCriteria])
export type RecordingFindInput = z.input<typeof RecordingFindInput>

/** Pasted text or a text / CSV file's content: at most 8 MiB. */
export const ConversationIdsText = z.object({ text: z.string().max(8 * 1024 * 1024) }).strict()

export interface ParsedConversationIds {
  /** Lower case, in the order first seen, each once. */
  conversationIds: string[]
  /** lines: one id a line; csv: a CSV whose `column` held the ids. */
  format: 'lines' | 'csv'
  column?: string
  /** Lines (1-based) that held something other than a conversation id; at most 100 listed. */
  invalid: { line: number; value: string }[]
  invalidCount: number
  duplicates: number
}

export interface FoundConversation {
  conversationId: string
  start?: string
  end?: string
  direction?: string
  mediaType?: string
  /** The queues its segments went through (ids), and their names where the queue list has them. */
  queueIds: string[]
  queueNames: string[]
  /** Filled once its recordings are listed. */
  recordingCount?: number
  /** Its recordings could not be listed: why. */
  error?: AppErrorData
}

export type RecordingFindState = 'searching' | 'listing' | 'done' | 'failed' | 'cancelled'

export interface RecordingFindView {
  id: string
  /**
   * Counts the views of this find the core has handed out: a higher one is never older. The answer to
   * `recordings.find` and the change signals come by different ways and can arrive in either order.
   */
  revision: number
  criteria: z.output<typeof RecordingFindInput>
  state: RecordingFindState
  /** query: the synchronous details query; job: an analytics details job (long ranges). */
  mode?: 'query' | 'job'
  pagesRead: number
  /** What the search reported it matched (query: totalHits); absent for ids and jobs. */
  totalHits?: number
  conversationsFound: number
  conversationsListed: number
  /** Conversations whose recordings could not be listed (each keeps its error). */
  conversationsFailed: number
  conversations: FoundConversation[]
  recordings: RecordingRow[]
  startedAt: string
  finishedAt?: string
  error?: AppErrorData
  /** While its requests wait (a second or more) before going out: until when, and why. */
  waiting?: FindWait
}

/**
 * rateLimit: for a turn under the org's rate limit, which every task on the connection shares;
 * retry: before sending again, as the API asked (a 429's Retry-After) or after a failure (`reason`).
 */
export interface FindWait {
  until: string
  cause: 'rateLimit' | 'retry'
  reason?: string
}

export interface QueueOption {
  id: string
  name: string
}

export const recordingFindMethods = {
  /** Checks pasted or imported text for conversation ids (one a line, or a CSV column). Sends nothing. */
  'recordings.ids.parse': method<typeof ConversationIdsText, ParsedConversationIds>(ConversationIdsText),
  /** The org's queues, for the search filter. */
  'recordings.queues': method<typeof Empty, QueueOption[]>(Empty),
  /** Starts a find; answers at once with its view, then `recordings.find.changed` as it goes. */
  'recordings.find': method<typeof RecordingFindInput, RecordingFindView>(RecordingFindInput),
  'recordings.find.get': method<typeof Id, RecordingFindView>(Id),
  'recordings.find.cancel': method<typeof Id, RecordingFindView>(Id),
  /** The newest find of the active connection still kept (so a reloaded screen shows its results again); null when none. */
  'recordings.find.latest': method<typeof Empty, { find: RecordingFindView | null }>(Empty),
}

export const recordingFindSignals = {
  'recordings.find.changed': signal<RecordingFindView>(),
}
