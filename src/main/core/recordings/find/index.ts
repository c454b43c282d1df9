import { randomUUID } from 'node:crypto'
import { recordingFindMethods } from '../../../../shared/contract/recordings'
import { AppError } from '../../../../shared/errors'
import { appendAuditEntry } from '../../audit'
import { abortableSleep } from '../../genesys'
import type { WorkflowHandlers } from '../../kit'
import type { WorkflowServices } from '../../workflow'
import type { RecordingPart } from '../recordingPart'
import { FindRegistry } from './findRegistry'
import { FindRun, type FindCriteria } from './findRun'
import { parseConversationIds } from './parseConversationIds'
import { withPermissionHint } from './permissionHint'
import { QueueCache } from './queueCache'
import { DEFAULT_JOB_POLLING } from './searchConversations'
import { filterKinds } from './searchQuery'

const FINDS_KEPT = 10
/** Failed listings audited one by one per find; past this, the search entry's count tells the rest. */
const FAILURES_AUDITED = 100
/** How long cancel and close wait for a find's requests to stop. */
const STOP_WAIT_MS = 10_000

/** Finding calls: search (analytics details query or job), pasted ids, recordingmetadata per conversation. */
export function createFindPart(services: WorkflowServices): RecordingPart<typeof recordingFindMethods> {
  const finds = new FindRegistry(FINDS_KEPT)
  const queues = new QueueCache(services.now)
  const shutdown = new AbortController()

  const requireFind = (id: string): FindRun => {
    const run = finds.get(id)
    if (!run) {
      throw new AppError({
        code: 'not_found',
        message: `No find ${id} is kept.`,
        hint: `Switchboard keeps the last ${FINDS_KEPT} finds until it closes; run the search again.`,
      })
    }
    return run
  }

  const startFind = async (criteria: FindCriteria): Promise<FindRun> => {
    if (shutdown.signal.aborted)
      throw new AppError({ code: 'cancelled', message: 'Switchboard is closing.', hint: 'Open it again to find recordings.' })
    if (criteria.kind === 'search' && Date.parse(criteria.to) <= Date.parse(criteria.from)) {
      throw new AppError({
        code: 'invalid_input',
        message: 'The end of the date range must be after its start.',
        hint: 'Pick a later end date.',
      })
    }
    const profileId = services.profiles.activeId()
    const { client } = services.connections.clientFor(profileId)
    const scope = await services.scope(profileId)
    let failuresAudited = 0
    const run = new FindRun(randomUUID(), criteria, {
      client,
      sleep: abortableSleep,
      now: services.now,
      polling: DEFAULT_JOB_POLLING,
      queueNames: (signal) => queues.namesFor(profileId, client, signal),
      emit: (view) => services.events.emit('recordings.find.changed', view),
      // A find's entries say what was searched by kind and count, never the ids or filter values; a
      // conversation id names the target of a failed listing (an id, not personal data).
      listingFailed: (conversationId, error) => {
        if (failuresAudited++ >= FAILURES_AUDITED) return
        appendAuditEntry(
          services.audit,
          scope,
          'recordings.metadata',
          `conversations/${conversationId}/recordingmetadata`,
          'error',
          { code: error.code, status: error.status ?? null },
          error.correlationId,
        )
      },
      finished: async (view, correlationId) => {
        appendAuditEntry(
          services.audit,
          scope,
          'recordings.search',
          criteria.kind === 'search' ? 'analytics/conversations/details' : 'conversations/recordingmetadata',
          view.state === 'done' ? 'ok' : view.state === 'cancelled' ? 'cancelled' : 'error',
          {
            kind: criteria.kind,
            filters: criteria.kind === 'search' ? filterKinds(criteria) : null,
            ids: criteria.kind === 'ids' ? criteria.conversationIds.length : null,
            mode: view.mode ?? null,
            pages: view.pagesRead,
            conversations: view.conversationsFound,
            listed: view.conversationsListed,
            failed: view.conversationsFailed,
            recordings: view.recordings.length,
            code: view.error?.code ?? null,
          },
          correlationId,
        )
        await services.audit.flush()
      },
    })
    finds.add(run, profileId)
    return run
  }

  const stopped = async (run: FindRun) => {
    run.cancel()
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([run.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))])
    clearTimeout(timer)
  }

  const handlers: WorkflowHandlers<typeof recordingFindMethods> = {
    'recordings.ids.parse': async ({ text }) => parseConversationIds(text),
    'recordings.queues': async () => {
      const profileId = services.profiles.activeId()
      const { client } = services.connections.clientFor(profileId)
      try {
        return await queues.list(profileId, client, shutdown.signal, { fresh: true })
      } catch (error) {
        throw withPermissionHint(error, 'routing:queue:view', 'list the queues')
      }
    },
    'recordings.find': async (criteria) => (await startFind(criteria)).snapshot(),
    'recordings.find.get': async ({ id }) => requireFind(id).snapshot(),
    'recordings.find.latest': async () => ({ find: finds.latest(services.profiles.activeId())?.snapshot() ?? null }),
    'recordings.find.cancel': async ({ id }) => {
      const run = requireFind(id)
      await stopped(run)
      return run.snapshot()
    },
  }

  return {
    handlers,
    close: async () => {
      shutdown.abort()
      await Promise.all(finds.all().map(stopped))
      await services.audit.flush().catch(() => undefined)
    },
  }
}
