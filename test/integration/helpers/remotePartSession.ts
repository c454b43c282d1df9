/**
 * The remote part of the Flow archive on the core's real services (settings file, sealed secrets, audit
 * log, durable job store and runner), on a data folder that survives a restart. Tests call
 * deliverAfterArchive as the archive part does, or connect an archive side of their own (`connect`).
 * flows-remote-core.test.ts covers the same part inside the real core.
 */
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditEntry, JobView } from '../../../src/shared/api'
import { ARCHIVE_LAYOUT, ARCHIVE_MANIFEST_FORMAT, type FlowArchiveManifest } from '../../../src/shared/contract/flows'
import { openAuditLog, SYSTEM_SCOPE, type AuditLog } from '../../../src/main/core/audit'
import { AppEventHub } from '../../../src/main/core/events/appEventHub'
import { EventHub } from '../../../src/main/core/events/eventHub'
import { createJobRunner, openJobStore, type JobRunner, type JobStore } from '../../../src/main/core/jobs'
import { createWorkflowSecrets, settingsSlice } from '../../../src/main/core/kit'
import { Connections } from '../../../src/main/core/profiles/connections'
import { ProfileStore } from '../../../src/main/core/profiles/profileStore'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { openConfSettings } from '../../../src/main/core/settings/openSettings'
import { StatusTracker } from '../../../src/main/core/status/statusTracker'
import type { SettingsBackend } from '../../../src/main/core/types'
import type { WorkflowServices } from '../../../src/main/core/workflow'
import {
  createRemotePart,
  DELIVERY_SCHEDULE_SETTING,
  type ArchiveRunCopy,
  type DeliverySchedule,
} from '../../../src/main/core/flows/remote'

/** Waits of milliseconds, a handful of attempts: the test's time, not the admin's. */
export const FAST_DELIVERY: DeliverySchedule = { baseMs: 20, capMs: 100, maxAttempts: 4, maxRetryAfterMs: 120_000 }

export type RemotePart = Awaited<ReturnType<typeof createRemotePart>>

export interface RemotePartSession {
  dataDir: string
  part: RemotePart
  settings: SettingsBackend
  audit: AuditLog
  jobs: JobRunner
  events: EventHub
  /** Closes everything and opens it again on the same data folder, as an app restart does; `whileClosed` runs in between. */
  restart(whileClosed?: () => Promise<void>): Promise<void>
  close(): Promise<void>
  entries(action: string): Promise<AuditEntry[]>
}

/** `connect` runs on each opened part before it starts, as flows/index.ts connects the archive part. */
export async function startRemotePartSession(
  schedule: DeliverySchedule = FAST_DELIVERY,
  connect?: (part: RemotePart) => void,
): Promise<RemotePartSession> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-remote-'))
  let opened = await openParts(dataDir, schedule, connect)
  const session: RemotePartSession = {
    dataDir,
    ...opened,
    restart: async (whileClosed) => {
      await opened.close()
      await whileClosed?.()
      opened = await openParts(dataDir, schedule, connect)
      Object.assign(session, opened)
    },
    close: async () => {
      await opened.close()
      await rm(dataDir, { recursive: true, force: true })
    },
    // Oldest first, as they were written.
    entries: async (action) =>
      (await session.audit.query({ offset: 0, limit: 1000, filter: { action } })).entries.sort((a, b) => a.seq - b.seq),
  }
  return session
}

async function openParts(dataDir: string, schedule: DeliverySchedule, connect?: (part: RemotePart) => void) {
  const now = () => new Date()
  const settings = openConfSettings(dataDir)
  settings.set(DELIVERY_SCHEDULE_SETTING, schedule)
  const secretBox = createPlainSecretBox()
  const events = new EventHub()
  const audit = await openAuditLog({ dir: join(dataDir, 'audit'), now, secretBox })
  // The built-in profile points at nothing: the remote part never calls Genesys Cloud.
  const profiles = new ProfileStore(settings, secretBox, { url: 'http://127.0.0.1:9', clientId: 'none', clientSecret: 'none' })
  const status = new StatusTracker({ profileId: 'sandbox', profileName: 'Sandbox org', region: 'sandbox' }, () => undefined)
  const connections = new Connections(profiles, audit, status)
  const ref: { runner?: JobRunner; store?: JobStore } = {}
  const services: WorkflowServices = {
    dataDir,
    settings,
    profiles,
    connections,
    audit,
    // Names as createAuditScope gives them, without asking an org that is not there.
    scope: async (profileId) => ({ profile: profiles.get(profileId).name, org: 'Test org' }),
    systemScope: SYSTEM_SCOPE,
    settingsSlice: (key, schema, defaults, options) => settingsSlice(settings, key, schema, defaults, options),
    secrets: createWorkflowSecrets(settings, secretBox, 'flows'),
    events,
    notify: (notice) => events.emit('notice', notice),
    retractNotice: () => undefined,
    appEvents: new AppEventHub({ audit, now, onInvalid: 'throw' }),
    status,
    now,
    jobs: () => ref.runner as JobRunner,
    jobStore: () => ref.store as JobStore,
    tuning: {},
  }
  const part = await createRemotePart(services)
  connect?.(part)
  const store = await openJobStore({ dir: join(dataDir, 'jobs'), now })
  const runner = createJobRunner({ store, kinds: part.jobKinds, now, onChange: (job: JobView) => events.emit('job.progress', job) })
  ref.runner = runner
  ref.store = store
  await runner.start()
  await part.start?.()
  return {
    part,
    settings,
    audit,
    jobs: runner,
    events,
    close: async () => {
      await runner.close()
      await part.close?.()
      await store.close()
      await audit.close()
    },
  }
}

export interface ArchivedRun {
  copy: ArchiveRunCopy
  manifestPath: string
  configurationPath(versionId: string): string
}

/**
 * An archive folder as the archive part leaves it (ARCHIVE_LAYOUT): one configuration file per distinct
 * content, named by its SHA-256, and the flow's manifest, valid against FlowArchiveManifest.
 */
export async function writeArchiveRun(
  folder: string,
  options: { runId: string; flowId: string; flowName?: string; versions: { id: string; configuration: unknown }[] },
): Promise<ArchivedRun> {
  await mkdir(join(folder, ARCHIVE_LAYOUT.configurations), { recursive: true })
  await mkdir(join(folder, ARCHIVE_LAYOUT.manifests), { recursive: true })
  const at = new Date().toISOString()
  const files = new Map<string, string>()
  const versions = []
  for (const [index, version] of options.versions.entries()) {
    const bytes = Buffer.from(JSON.stringify(version.configuration, null, 2))
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const file = ARCHIVE_LAYOUT.configurationFile(sha256)
    await writeFile(join(folder, file), bytes)
    files.set(version.id, join(folder, file))
    versions.push({
      id: version.id,
      name: `${options.versions.length - index}.0`,
      type: 'PUBLISH',
      createdBy: { id: 'user-1', name: 'Ana Silva' },
      dateCreated: at,
      datePublished: at,
      file,
      sizeBytes: bytes.length,
      sha256,
      archivedAt: at,
    })
  }
  const manifest: FlowArchiveManifest = {
    format: ARCHIVE_MANIFEST_FORMAT,
    org: { id: 'org-1', name: 'Test org' },
    flow: { id: options.flowId, name: options.flowName ?? 'Main IVR', type: 'INBOUNDCALL' },
    updatedAt: at,
    runs: [{ at, versionIds: versions.map((v) => v.id) }],
    versions,
  }
  const manifestPath = join(folder, ARCHIVE_LAYOUT.manifestFile(options.flowId))
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2))
  return {
    copy: {
      archive: { id: options.runId, flowId: options.flowId, flowName: options.flowName ?? 'Main IVR', folder },
      manifest,
      versionIds: versions.map((v) => v.id),
    },
    manifestPath,
    configurationPath: (versionId) => files.get(versionId) as string,
  }
}
