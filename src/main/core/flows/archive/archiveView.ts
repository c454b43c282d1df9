import type { JobState } from '../../../../shared/api'
import type { ArchiveState, ArchiveView, RemoteDeliveryView } from '../../../../shared/contract/flows'
import type { AppErrorData } from '../../../../shared/errors'
import type { StoredJob } from '../../jobs'
import { nextViewRevision } from '../viewRevision'
import type { ArchiveJobParams } from './archiveJob'
import { countsOf, type ArchiveRecord } from './archiveRecord'

const FINISHED: ReadonlySet<ArchiveState> = new Set(['done', 'failed', 'cancelled'])

/** The archive as the screen shows it: what was asked (the job), what happened (the journal), where the job stands. */
export function toArchiveView(
  job: Pick<StoredJob<ArchiveJobParams>, 'id' | 'params' | 'createdAt' | 'updatedAt'>,
  live: { state: JobState; error?: AppErrorData },
  record: ArchiveRecord | undefined,
  remote?: RemoteDeliveryView,
): ArchiveView {
  const { params } = job
  const state: ArchiveState = live.state === 'scheduled' ? 'queued' : live.state
  const { bytesWritten, ...counts } = record
    ? countsOf(record)
    : { selected: 0, written: 0, alreadyArchived: 0, failed: 0, bytesWritten: 0 }
  const finishedAt = FINISHED.has(state) ? (record?.finished?.at ?? job.updatedAt) : undefined
  const error = live.error ?? (state === 'failed' ? record?.finished?.error : undefined)
  const problems = record?.flow?.problems ?? []
  return {
    id: job.id,
    revision: nextViewRevision(),
    flowId: params.flowId,
    flowName: record?.flow?.name ?? params.flowId,
    folder: params.folder,
    state,
    createdAt: job.createdAt,
    ...(finishedAt ? { finishedAt } : {}),
    selection: params.selection,
    ...(params.policy ? { policy: params.policy } : {}),
    counts,
    bytesWritten,
    nothingNew: state === 'done' && record?.finished?.nothingNew === true,
    ...(record?.manifest ? { manifestPath: record.manifest.path, manifestSha256: record.manifest.sha256 } : {}),
    ...(record?.read !== undefined ? { versionsRead: record.read } : {}),
    ...(record?.total !== undefined ? { versionsTotal: record.total } : {}),
    ...(remote ? { remote } : {}),
    ...(error ? { error } : {}),
    ...(problems.length > 0 ? { flowProblems: problems } : {}),
  }
}
