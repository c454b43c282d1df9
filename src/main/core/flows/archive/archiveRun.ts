/**
 * One run of an archive job: read the flow, page through its versions and choose them (once: the choice
 * is journalled), then fetch each chosen version's configuration a few at a time through the shared paced
 * client, write it content-addressed, and journal it (fsynced) before counting it done. The manifest is
 * merged and written at the end, and also when the run stops early, so the files written so far are
 * always listed. A restart continues from the journal: nothing is fetched or written twice.
 */
import PQueue from 'p-queue'
import { AppError, toAppError } from '../../../../shared/errors'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows'
import { appendAuditEntry, auditFailure, type AuditLog, type AuditScope } from '../../audit'
import { getOrganizationMe, type GenesysClient } from '../../genesys'
import type { StoredJob, TypedJobContext } from '../../jobs'
import {
  deniedProblem,
  flowPermissionError,
  getFlowConfiguration,
  isRefusal,
  listAllFlowVersions,
  lockProblems,
  rawFlowDate,
  readFlow,
  toVersionRow,
  type AuthorNames,
} from '../browse'
import { prepareArchiveFolder } from './archiveFolder'
import { removeLeftoverTempFiles } from '../../files/leftoverTempFiles'
import type { ArchiveCheckpoint, ArchiveJobParams } from './archiveJob'
import { countsOf, type ArchiveRecord, type SelectedVersion, type VersionOutcome } from './archiveRecord'
import { manifestFlow, manifestRow } from './archiveRows'
import type { ArchiveStore } from './archiveStore'
import { chooseVersions } from './chooseVersions'
import { canonicalDocument, fileHasHash, storeConfiguration } from './configurationFiles'
import type { KeyedLock } from '../../kit'
import { manifestPathOf, mergeManifest, readManifest, writeManifest, type StoredManifest } from './manifestFile'

/** Configurations fetched at once by one archive: enough to keep the shared request budget busy with one job. */
const CONFIGURATIONS_AT_ONCE = 4

export interface ArchiveRunDeps {
  store: ArchiveStore
  client: GenesysClient
  profileId: string
  scope: AuditScope
  audit: AuditLog
  authors: AuthorNames
  dataDir: string
  now: () => Date
  manifestLock: KeyedLock
  /** When this core opened (epoch ms): temp files older than that are a crashed run's leftovers. */
  openedAt: number
  /** Something the screen shows changed; `now` for a state the screen must not miss. */
  changed(now?: boolean): void
}

export interface ArchiveResult {
  manifest?: StoredManifest
  nothingNew: boolean
}

type Job = StoredJob<ArchiveJobParams, ArchiveCheckpoint>

export class ArchiveRun {
  private readonly record: ArchiveRecord
  private folder = ''
  private manifest: StoredManifest | undefined
  /** Ids of this archive's rows the manifest on disk already lists as they are. */
  private readonly saved = new Set<string>()

  constructor(
    private readonly deps: ArchiveRunDeps,
    private readonly job: Job,
    private readonly ctx: TypedJobContext<ArchiveCheckpoint>,
  ) {
    this.record = deps.store.ensure(job.id)
  }

  private get params(): ArchiveJobParams {
    return this.job.params
  }

  private get signal(): AbortSignal {
    return this.ctx.signal
  }

  async run(): Promise<ArchiveResult> {
    const resumed = this.record.flow !== undefined
    if (this.record.finished) await this.deps.store.append(this.record, { t: 'reopened', at: this.nowIso() }, true)
    // The first run follows its flow.archive.requested entry; a later one (restart, resume, retry) says so.
    if (resumed) this.audit('flow.archive.resumed', 'ok', { versionsDone: this.record.outcomes.size })
    try {
      this.folder = await prepareArchiveFolder(this.params.folder, this.deps.dataDir)
      const leftovers = await removeLeftoverTempFiles(
        this.folder,
        [ARCHIVE_LAYOUT.configurations, ARCHIVE_LAYOUT.manifests],
        this.deps.openedAt,
      )
      if (leftovers.length) this.audit('flow.archive.leftovers-removed', 'ok', { files: leftovers.join(', ') })
      await this.readFlowAndOrg()
      if (!this.record.selected) await this.select()
      this.manifest = await readManifest(this.folder, this.params.flowId)
      this.noteSaved()
      await this.archivePending()
    } catch (error) {
      await this.saveNewRows().catch(() => undefined)
      if (this.signal.aborted) throw error
      throw await this.failed(error)
    }
    return this.finish()
  }

  // ---- reading ----

  private async readFlowAndOrg(): Promise<void> {
    const flow = await readFlow(this.deps.client, this.params.flowId, this.signal)
    await this.deps.store.append(
      this.record,
      {
        t: 'flow',
        name: flow.name,
        type: flow.type,
        ...(flow.division ? { division: { id: flow.division.id, ...(flow.division.name ? { name: flow.division.name } : {}) } } : {}),
        problems: lockProblems(flow),
      },
      true,
    )
    if (!this.record.org) {
      const org = await getOrganizationMe(this.deps.client, this.signal)
      await this.deps.store.append(this.record, { t: 'org', id: org.data.id, ...(org.data.name ? { name: org.data.name } : {}) })
    }
    this.deps.changed(true)
  }

  /** Every page of the history (100 a page), the choice made once and journalled before any file is written. */
  private async select(): Promise<void> {
    let all
    try {
      all = await listAllFlowVersions(this.deps.client, this.params.flowId, {
        signal: this.signal,
        onPage: (read, total) => {
          this.deps.store.append(this.record, { t: 'read', read, total }).catch(() => undefined)
          this.deps.changed()
        },
      })
    } catch (error) {
      if (!this.signal.aborted && isRefusal(error)) throw deniedError(error, this.record)
      throw flowPermissionError(error, "read this flow's versions")
    }
    const names = await this.deps.authors.forVersions(this.deps.profileId, this.deps.client, all.versions, this.signal)
    const history: SelectedVersion[] = all.versions.map((version) => {
      const raw = rawFlowDate(version.datePublished)
      return {
        ...toVersionRow(version, version.createdBy ? names.get(version.createdBy.id) : undefined),
        ...(raw ? { datePublishedRaw: raw } : {}),
      }
    })
    const { versions, missing } = chooseVersions(history, this.params, this.deps.now())
    await this.deps.store.append(this.record, { t: 'read', read: history.length, total: all.total })
    await this.deps.store.append(this.record, { t: 'selected', versions, missing }, true)
    await this.ctx.checkpoint({ selected: versions.length, archived: 0 })
    this.deps.changed(true)
  }

  // ---- archiving ----

  private async archivePending(): Promise<void> {
    const pending = (this.record.selected ?? []).filter((version) => !this.record.outcomes.has(version.id))
    const queue = new PQueue({ concurrency: CONFIGURATIONS_AT_ONCE })
    let fatal: unknown
    for (const version of pending) {
      void queue.add(async () => {
        if (fatal !== undefined || this.signal.aborted) return
        try {
          await this.archiveOne(version)
        } catch (error) {
          if (this.signal.aborted) return
          // A refusal is the flow's (its division), a disk error the folder's: neither gets better with the next version.
          if (isRefusal(error) || toAppError(error).code === 'file') fatal ??= error
          else await this.versionFailed(version, error)
        }
      })
    }
    await queue.onIdle()
    this.signal.throwIfAborted()
    if (fatal !== undefined) throw isRefusal(fatal) ? deniedError(fatal, this.record) : fatal
  }

  private async archiveOne(version: SelectedVersion): Promise<void> {
    const listed = this.manifest?.manifest.versions.find((row) => row.id === version.id)
    if (listed && (await fileHasHash(this.folder, listed.file, listed.sha256))) {
      // Versions never change: one the manifest lists with an intact file is not read again.
      await this.outcome({
        id: version.id,
        outcome: 'already',
        file: listed.file,
        sha256: listed.sha256,
        sizeBytes: listed.sizeBytes,
        bytesWritten: 0,
        archivedAt: listed.archivedAt,
      })
      return
    }
    const configuration = await getFlowConfiguration(this.deps.client, this.params.flowId, version.id, this.signal)
    const document = canonicalDocument(configuration.data)
    const stored = await storeConfiguration(this.folder, document).catch((error: unknown) => {
      throw writeError(error, this.folder)
    })
    await this.outcome(
      {
        id: version.id,
        outcome: stored.written ? 'written' : 'existing',
        file: stored.file,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
        bytesWritten: stored.written ? document.sizeBytes : 0,
        // A file restored with the same content leaves its row as it was.
        archivedAt: listed?.sha256 === document.sha256 ? listed.archivedAt : this.nowIso(),
      },
      true,
    )
  }

  private async outcome(outcome: VersionOutcome, durable = false): Promise<void> {
    await this.deps.store.append(this.record, { t: 'version', ...outcome }, durable)
    const counts = countsOf(this.record)
    this.ctx.progress({
      doneBytes: counts.bytesWritten,
      step: `${counts.written + counts.alreadyArchived + counts.failed} of ${counts.selected} versions`,
    })
    this.deps.changed()
  }

  private async versionFailed(version: SelectedVersion, error: unknown): Promise<void> {
    const failure = auditFailure(
      this.deps.audit,
      this.deps.scope,
      'flow.archive.version.failed',
      `flows/${this.params.flowId}/versions/${version.id}`,
      { archiveId: this.job.id },
      error,
    )
    await this.deps.store.append(this.record, { t: 'versionFailed', id: version.id, error: failure.toData() }, true)
    this.deps.changed()
  }

  // ---- the manifest ----

  /** Rows of this archive the manifest on disk already lists unchanged, under this archive's run entry. */
  private noteSaved(): void {
    const manifest = this.manifest?.manifest
    if (!manifest) return
    const run = manifest.runs.find((r) => r.at === this.job.createdAt)
    const rows = new Map(manifest.versions.map((row) => [row.id, row]))
    for (const outcome of this.record.outcomes.values()) {
      if (outcome.outcome === 'already') continue
      if (rows.get(outcome.id)?.sha256 === outcome.sha256 && run?.versionIds.includes(outcome.id)) this.saved.add(outcome.id)
    }
  }

  private newRows(): { id: string; version: SelectedVersion; outcome: VersionOutcome }[] {
    const byId = new Map((this.record.selected ?? []).map((version) => [version.id, version]))
    return [...this.record.outcomes.values()]
      .filter((outcome) => outcome.outcome !== 'already' && byId.has(outcome.id))
      .map((outcome) => ({ id: outcome.id, version: byId.get(outcome.id)!, outcome }))
  }

  /** Merges this archive's rows into the manifest on disk (read again under the lock) when any is not listed yet. */
  private async saveNewRows(): Promise<void> {
    const rows = this.newRows()
    if (!this.folder || !this.record.flow || !this.record.org || rows.every((row) => this.saved.has(row.id))) return
    const flow = this.record.flow
    const org = this.record.org
    const path = manifestPathOf(this.folder, this.params.flowId)
    await this.deps.manifestLock.run(path, async () => {
      const current = await readManifest(this.folder, this.params.flowId)
      const merged = mergeManifest(current?.manifest, {
        org: { id: org.id.slice(0, 200), ...(org.name ? { name: org.name.slice(0, 500) } : {}) },
        flow: manifestFlow(this.params.flowId, flow),
        runAt: this.job.createdAt,
        rows: rows.map((row) => manifestRow(row.version, row.outcome)),
        now: this.nowIso(),
      })
      this.manifest = await writeManifest(this.folder, merged)
    })
    for (const row of rows) this.saved.add(row.id)
    await this.deps.store.append(this.record, { t: 'manifest', sha256: this.manifest!.sha256, path: this.manifest!.path }, true)
  }

  // ---- the end ----

  private async finish(): Promise<ArchiveResult> {
    try {
      await this.saveNewRows()
    } catch (error) {
      throw await this.failed(error)
    }
    if (!this.record.manifest && this.manifest)
      await this.deps.store.append(this.record, { t: 'manifest', sha256: this.manifest.sha256, path: this.manifest.path })
    const { bytesWritten, ...counts } = countsOf(this.record)
    const nothingNew = counts.written === 0 && counts.failed === 0
    const error = failureSummary(this.record, counts.failed, counts.selected)
    await this.deps.store.append(
      this.record,
      { t: 'finished', at: this.nowIso(), nothingNew, ...(error ? { error: error.toData() } : {}) },
      true,
    )
    await this.ctx.checkpoint({ selected: counts.selected, archived: counts.written + counts.alreadyArchived })
    this.audit('flow.archive.completed', error ? 'error' : 'ok', {
      ...counts,
      bytesWritten,
      nothingNew,
      manifestSha256: this.record.manifest?.sha256 ?? null,
    })
    this.deps.changed(true)
    if (error) throw error
    return { ...(this.manifest ? { manifest: this.manifest } : {}), nothingNew }
  }

  /** A run that could not go on: audited, journalled, and returned for the job to fail with. */
  private async failed(error: unknown): Promise<AppError> {
    const failure = auditFailure(this.deps.audit, this.deps.scope, 'flow.archive.failed', this.target(), { archiveId: this.job.id }, error)
    await this.deps.store
      .append(this.record, { t: 'finished', at: this.nowIso(), nothingNew: false, error: failure.toData() }, true)
      .catch(() => undefined)
    this.deps.changed(true)
    return failure
  }

  private audit(action: string, outcome: 'ok' | 'error', detail: Record<string, string | number | boolean | null>): void {
    appendAuditEntry(this.deps.audit, this.deps.scope, action, this.target(), outcome, { archiveId: this.job.id, ...detail })
  }

  private target(): string {
    return `flows/${this.params.flowId}`
  }

  private nowIso(): string {
    return this.deps.now().toISOString()
  }
}

/** The flow's versions answered 403: the client may not read its division. */
function deniedError(error: unknown, record: ArchiveRecord): AppError {
  const failure = toAppError(error)
  const problem = deniedProblem(error, record.flow?.division)
  return new AppError({ ...failure.toData(), code: 'forbidden', message: problem.reason, hint: problem.hint ?? failure.hint })
}

function writeError(error: unknown, folder: string): AppError {
  if (error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
  return new AppError({
    code: 'file',
    message: `A configuration file could not be written to ${folder} (${code}).`,
    hint: code === 'ENOSPC' ? 'Free some space on that disk, then retry the archive.' : 'Check the archive folder, then retry the archive.',
  })
}

function failureSummary(record: ArchiveRecord, failed: number, selected: number): AppError | undefined {
  if (failed === 0) return undefined
  const first = [...record.failures.values()][0]
  const missing = record.missing.length
  const parts = [
    record.failures.size > 0 ? `${record.failures.size} of ${selected} versions could not be archived` : '',
    missing > 0 ? `${missing} chosen version${missing === 1 ? ' is' : 's are'} not in the flow's history` : '',
  ].filter(Boolean)
  return new AppError({
    code: first?.code ?? 'not_found',
    message: `${parts.join('; ')}.${first ? ` The first said: ${first.message}` : ''}`,
    hint: 'The versions archived are in the manifest; retry the archive to try the others again.',
    ...(first?.correlationId ? { correlationId: first.correlationId } : {}),
  })
}
