import { bulkConfirmationText, MAX_RUNNING_BULK_JOBS, recordingBulkMethods, type BulkJobView } from '../../../../shared/contract/recordings'
import { AppError, toAppError } from '../../../../shared/errors'
import { typedConfirmationMatches } from '../../../../shared/typedConfirmation'
import type { GenesysClient } from '../../genesys'
import type { WorkflowServices } from '../../workflow'
import type { RecordingPart } from '../recordingPart'
import { appendAuditEntry, auditFailure, type AuditScope } from '../../audit'
import { bulkJobTarget } from './bulkAudit'
import { BulkJobFollower } from './bulkJobFollower'
import { BulkJobStore, type OwnBulkJob } from './bulkJobStore'
import { buildJobQuery } from './buildJobQuery'
import { createBulkFollowJobKind } from './followJob'
import { readBulkFollowSchedule } from './followSchedule'
import { listS3BulkIntegrations } from './integrationsApi'
import { isFollowed, toBulkJobView } from './jobView'
import {
  cancelRecordingJob,
  executeRecordingJob,
  getRecordingJob,
  listFailedRecordings,
  listRecordingJobs,
  postRecordingJob,
  type RecordingJob,
} from './recordingJobsApi'

export { BULK_FOLLOW_SCHEDULE_SETTING, type BulkFollowSchedule } from './followSchedule'

/** Pages of the org's job list read at most (100 jobs each). */
const MAX_LIST_PAGES = 20

/** Recording bulk jobs run by Genesys: EXPORT, ARCHIVE, DELETE; created, executed, followed, cancelled. */
export function createBulkPart(services: WorkflowServices): RecordingPart<typeof recordingBulkMethods> {
  const schedule = readBulkFollowSchedule(services.settings)
  const shutdown = new AbortController()
  let store: BulkJobStore
  let follower: BulkJobFollower

  /** The client and audit scope for a job: its creator's profile when it is ours, else the active profile. */
  const access = async (own?: OwnBulkJob): Promise<{ client: GenesysClient; scope: AuditScope; profileId: string }> => {
    const profileId = own?.profileId ?? services.profiles.activeId()
    const { client } = services.connections.clientFor(profileId)
    return { client, scope: await services.scope(profileId), profileId }
  }

  const viewOf = (job: RecordingJob): BulkJobView => {
    const own = store.get(job.id)
    return toBulkJobView(job, own, own?.gone)
  }

  /** A refused execute said plainly when the org already runs as many jobs as the platform allows. */
  const explainExecuteFailure = async (client: GenesysClient, failure: AppError, own: OwnBulkJob | undefined): Promise<AppError> => {
    if (
      failure.status === 403 &&
      !own &&
      failure.genesysCode !== 'missing.permissions' &&
      failure.genesysCode !== 'missing.any.permissions'
    ) {
      return new AppError({
        ...failure.toData(),
        message: `Genesys Cloud refused to execute this job: ${failure.message}`,
        hint: 'Only the user or OAuth client that created a bulk job can execute it; this one was made elsewhere.',
      })
    }
    if (failure.status !== 400) return failure
    const running = await countRunning(client, shutdown.signal).catch(() => undefined)
    if (running === undefined || running < MAX_RUNNING_BULK_JOBS) return failure
    return new AppError({
      ...failure.toData(),
      code: 'conflict',
      message: `Genesys Cloud runs at most ${MAX_RUNNING_BULK_JOBS} bulk jobs at a time in an org, and ${running} are PROCESSING now.`,
      hint: 'Wait for one of them to finish (or cancel one), then execute this job again.',
    })
  }

  const handlers: RecordingPart<typeof recordingBulkMethods>['handlers'] = {
    'recordings.bulk.list': async () => {
      const { client, profileId } = await access()
      const views = new Map<string, BulkJobView>()
      let cursor: string | undefined
      for (let page = 0; page < MAX_LIST_PAGES; page++) {
        const answer = await listRecordingJobs(client, cursor, shutdown.signal)
        for (const job of answer.data.jobs) {
          const own = store.get(job.id)
          // One of ours seen changed in the list: recorded (and audited) as a check would.
          if (own && !own.gone && (own.last.state !== job.state || own.last.percentProgress !== job.percentProgress)) {
            views.set(job.id, await follower.observe(own, job, 'list', answer.correlationId))
          } else views.set(job.id, viewOf(job))
        }
        cursor = answer.data.nextCursor
        if (!cursor) break
      }
      // Ours that the org list no longer shows (removed, or listed past the pages read): as last seen.
      for (const own of store.list()) {
        if (own.profileId === profileId && !views.has(own.id)) views.set(own.id, toBulkJobView(own.last, own, own.gone))
      }
      return [...views.values()].sort((a, b) => (b.dateCreated ?? '').localeCompare(a.dateCreated ?? ''))
    },

    'recordings.bulk.integrations': async () => {
      const { client } = await access()
      return listS3BulkIntegrations(client, shutdown.signal)
    },

    'recordings.bulk.create': async (input) => {
      const { client, scope, profileId } = await access()
      const detail = { action: input.action, queues: input.queueIds.length, includeScreenRecordings: input.includeScreenRecordings }
      try {
        const body = buildJobQuery(input, services.now())
        const answer = await postRecordingJob(client, body, shutdown.signal)
        const job = answer.data
        const own: OwnBulkJob = {
          id: job.id,
          profileId,
          profileName: scope.profile,
          orgName: scope.org,
          action: input.action,
          from: input.from,
          to: input.to,
          queueIds: input.queueIds,
          actionDate: body.actionDate,
          createdAt: job.dateCreated ?? services.now().toISOString(),
          last: job,
          checkedAt: services.now().toISOString(),
          unchangedChecks: 0,
          gone: false,
        }
        store.put(own)
        await store.save()
        appendAuditEntry(
          services.audit,
          scope,
          'recordings.bulk.create',
          bulkJobTarget(job.id),
          'ok',
          { ...detail, state: job.state },
          answer.correlationId,
        )
        await follower.follow(job.id)
        return toBulkJobView(job, own)
      } catch (error) {
        throw auditFailure(services.audit, scope, 'recordings.bulk.create', bulkJobTarget(undefined), detail, error)
      } finally {
        await services.audit.flush()
      }
    },

    'recordings.bulk.execute': async ({ id, confirmation }) => {
      const own = store.get(id)
      const { client, scope } = await access(own)
      let action = own?.action ?? 'UNKNOWN'
      let totalRecordings: number | undefined
      try {
        const current = await getRecordingJob(client, id, shutdown.signal)
        action = current.data.recordingJobsQuery?.action ?? action
        totalRecordings = current.data.totalRecordings
        if (current.data.state !== 'READY') {
          throw new AppError({
            code: 'conflict',
            message: `This job is ${current.data.state}; only a READY job can be executed.`,
            hint:
              current.data.state === 'PENDING'
                ? 'Wait until Genesys Cloud has counted its recordings (READY), then execute it.'
                : 'Create a new job for these conversations if they still need it.',
            correlationId: current.correlationId,
          })
        }
        if (action === 'DELETE') {
          const expected = bulkConfirmationText(action, totalRecordings) ?? ''
          if (!typedConfirmationMatches(confirmation, expected)) {
            throw new AppError({
              code: 'invalid_input',
              message: `Deleting recordings cannot be undone, and this was not confirmed: type “${expected}” exactly.`,
              hint: `Type ${expected} (the action and the estimated count) in the confirmation, then execute.`,
            })
          }
        }
        const answer = await executeRecordingJob(client, id, shutdown.signal).catch(async (error: unknown) => {
          throw await explainExecuteFailure(client, toAppError(error), own)
        })
        appendAuditEntry(
          services.audit,
          scope,
          'recordings.bulk.execute',
          bulkJobTarget(id),
          'ok',
          { action, totalRecordings: totalRecordings ?? null, state: answer.data.state, mine: Boolean(own) },
          answer.correlationId,
        )
        if (!own) return viewOf(answer.data)
        const view = await follower.observe(own, answer.data, 'execute', answer.correlationId)
        await follower.follow(id)
        return view
      } catch (error) {
        throw auditFailure(
          services.audit,
          scope,
          'recordings.bulk.execute',
          bulkJobTarget(id),
          { action, totalRecordings: totalRecordings ?? null },
          error,
        )
      } finally {
        await services.audit.flush()
      }
    },

    'recordings.bulk.cancel': async ({ id }) => {
      const own = store.get(id)
      const { client, scope } = await access(own)
      const action = own?.action ?? 'UNKNOWN'
      try {
        const cancelled = await cancelRecordingJob(client, id, shutdown.signal)
        const answer = await getRecordingJob(client, id, shutdown.signal)
        appendAuditEntry(
          services.audit,
          scope,
          'recordings.bulk.cancel',
          bulkJobTarget(id),
          'ok',
          {
            action: answer.data.recordingJobsQuery?.action ?? action,
            state: answer.data.state,
            totalRecordings: answer.data.totalRecordings ?? null,
          },
          cancelled.correlationId,
        )
        if (!own) return viewOf(answer.data)
        const view = await follower.observe(own, answer.data, 'cancel', answer.correlationId)
        if (!isFollowed(answer.data.state)) await follower.unfollow(id)
        return view
      } catch (error) {
        throw auditFailure(services.audit, scope, 'recordings.bulk.cancel', bulkJobTarget(id), { action }, error)
      } finally {
        await services.audit.flush()
      }
    },

    'recordings.bulk.failed': async ({ id, cursor }) => {
      const { client } = await access(store.get(id))
      const answer = await listFailedRecordings(client, id, cursor, shutdown.signal)
      return { entities: answer.data.entities, ...(answer.data.nextCursor ? { nextCursor: answer.data.nextCursor } : {}) }
    },
  }

  return {
    handlers,
    jobKinds: [createBulkFollowJobKind((job, ctx) => follower.runScheduledCheck(job, ctx))],
    async start() {
      store = await BulkJobStore.open(services.dataDir, services.now)
      follower = new BulkJobFollower(services, store, schedule)
      await follower.start()
    },
    async close() {
      shutdown.abort()
      await follower?.close()
      await store?.save()
    },
  }
}

/** The org's PROCESSING jobs, by the list's state filter (one page is enough to count to the limit). */
async function countRunning(client: GenesysClient, signal: AbortSignal): Promise<number> {
  const answer = await listRecordingJobs(client, undefined, signal, 'PROCESSING')
  return answer.data.jobs.filter((job) => job.state === 'PROCESSING').length
}
