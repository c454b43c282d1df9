import { join } from 'node:path'
import {
  METHOD_NAMES,
  type AppInfo,
  type Handlers,
  type MethodName,
  type Notice,
  type SignalName,
  type SignalPayload,
} from '../../shared/api'
import { AppError } from '../../shared/errors'
import { openAuditLog, SYSTEM_SCOPE } from './audit'
import { ensurePrivateDir } from './files/privateFiles'
import { AppEventHub } from './events/appEventHub'
import { EventHub } from './events/eventHub'
import { openJobStore, createJobMethods, createJobRunner, readJobRetentionMs, withControls, type JobRunner, type JobStore } from './jobs'
import { createAuditScope, createWorkflowSecrets, settingsSlice } from './kit'
import { Connections } from './profiles/connections'
import { ProfileStore } from './profiles/profileStore'
import { openSettingsSafely } from './settings/openSettings'
import { StatusTracker } from './status/statusTracker'
import type { Core, CoreDeps } from './types'
import { stagingDirOf } from './uploads/stagingArea'
import type { Workflow, WorkflowServices } from './workflow'
import { WORKFLOWS, type WorkflowMethodName } from './workflows'

export type { Core, CoreDeps, PickPathRequest } from './types'

/** Builds the whole product behind the contract; the shells only bind it to a transport. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const now = deps.now ?? (() => new Date())
  // Only this user may list or read what the app keeps; each file in it is created 0600.
  await ensurePrivateDir(deps.dataDir)
  const hub = new EventHub()
  const notices: Notice[] = []

  const { settings, notice: settingsNotice } = openSettingsSafely(deps.dataDir, deps.openSettings, now)
  if (settingsNotice) notices.push(settingsNotice)

  const audit = await openAuditLog({ dir: join(deps.dataDir, 'audit'), now, secretBox: deps.secretBox, acceptKey: deps.acceptAuditKey })
  if (audit.startupReport.tornTail) {
    const torn = audit.startupReport.tornTail
    notices.push({
      id: 'audit-torn-tail',
      level: 'warning',
      message: `The audit log's last line was incomplete (the app stopped mid-write). It was set aside, not deleted: ${torn.path} (${torn.bytes} bytes).`,
      hint: 'The chain before it is intact; Verify in the Audit log confirms it.',
    })
  }
  if (audit.startupReport.uncleanStop) {
    const { lostFrom, lostUntil } = audit.startupReport.uncleanStop
    notices.push({
      id: 'audit-unclean-stop',
      level: 'warning',
      message: `Switchboard did not stop cleanly last time. Audit entries written between ${lostFrom} and ${lostUntil} may be missing.`,
      hint: 'Changes to the org were recorded before they were sent, so none is missing; the audit log has an entry (audit.unclean_stop) with this window.',
    })
  }
  // The log's own appends are a UI signal only: never an app event (app events are appended to it).
  audit.onAppend((entry) => hub.emit('audit.appended', entry))
  const appEvents = new AppEventHub({
    audit,
    now,
    onInvalid: deps.invalidAppEvents ?? (process.env.VITEST ? 'throw' : 'drop'),
    report: (message) => console.error(message),
  })

  const profiles = new ProfileStore(settings, deps.secretBox, deps.sandbox)
  const identity = () => {
    const active = profiles.get(profiles.activeId())
    return { profileId: active.id, profileName: active.name, region: active.region }
  }
  const status = new StatusTracker(identity(), (snapshot) => hub.emit('status.changed', snapshot))
  const connections = new Connections(profiles, audit, status)

  /** Things the admin must know that turn up after start-up too (e.g. a settings slice read back invalid). */
  const notify = (notice: Notice) => {
    if (!notices.some((n) => n.id === notice.id)) notices.push(notice)
    hub.emit('notice', notice)
  }
  audit.onTornTail((torn) =>
    notify({
      id: `audit-torn-tail-${torn.path}`,
      level: 'warning',
      message: `Another Switchboard using this data folder (the app or the command line) stopped mid-write and left an incomplete audit line. It was set aside, not deleted: ${torn.path} (${torn.bytes} bytes).`,
      hint: 'The chain before it is intact and continues from the last whole line; Verify in the Audit log confirms it.',
    }),
  )

  const runnerRef: { current?: JobRunner; store?: JobStore } = {}
  const services: Omit<WorkflowServices, 'secrets'> = {
    dataDir: deps.dataDir,
    settings,
    profiles,
    connections,
    audit,
    scope: createAuditScope(profiles, connections),
    systemScope: SYSTEM_SCOPE,
    settingsSlice: (key, schema, defaults, options) => settingsSlice(settings, key, schema, defaults, { ...options, onInvalid: notify }),
    events: hub,
    notify,
    retractNotice: (id) => {
      const index = notices.findIndex((n) => n.id === id)
      if (index !== -1) notices.splice(index, 1)
      hub.emit('notice.retracted', { id })
    },
    appEvents,
    status,
    now,
    jobs: () => {
      if (!runnerRef.current) throw new Error('The job runner is not ready yet: use it from start() or a handler, not the factory.')
      return runnerRef.current
    },
    jobStore: () => {
      if (!runnerRef.store) throw new Error('The job store is not ready yet: use it from start() or a handler, not the factory.')
      return runnerRef.store
    },
    tuning: { uploadTuning: deps.uploadTuning, promptTuning: deps.promptTuning },
    showItemInFolder: deps.showItemInFolder,
    pickPath: deps.pickPath,
  }
  const workflows: Workflow[] = []
  for (const defined of WORKFLOWS)
    workflows.push(await defined.create({ ...services, secrets: createWorkflowSecrets(settings, deps.secretBox, defined.area) }))
  const jobKinds = workflows.flatMap((w) => w.jobKinds ?? [])
  const pauseRefusal = (kind: string) => jobKinds.find((k) => k.kind === kind)?.pauseRefusal
  const jobStore = await openJobStore({ dir: join(deps.dataDir, 'jobs'), now, retentionMs: readJobRetentionMs(settings) })
  const runner = createJobRunner({
    store: jobStore,
    kinds: jobKinds,
    now,
    onChange: (job) => {
      hub.emit('job.progress', withControls(job, pauseRefusal))
      if (runnerRef.current) status.setJobsRunning(runnerRef.current.running())
    },
  })
  runnerRef.current = runner
  runnerRef.store = jobStore
  // Damaged jobs are marked before anything can resume them; due scheduled jobs start.
  const { damaged } = await runner.start()
  if (damaged.length > 0) {
    notices.push({
      id: 'jobs-damaged',
      level: 'warning',
      message: `${damaged.length} saved job(s) could not be read and were not run; they are listed as failed.`,
      hint: 'Cancel them and start them again.',
    })
  }
  const interrupted = runner.list().filter((j) => j.state === 'interrupted')
  if (interrupted.length > 0) {
    notices.push({
      id: 'jobs-interrupted',
      level: 'warning',
      message: `${interrupted.length} job(s) were interrupted when Switchboard last stopped.`,
      hint: 'Choose "Resume all" to finish them, each from its last checkpoint, or open Jobs to see them one by one.',
      jobIds: interrupted.map((j) => j.id),
    })
  }
  if (deps.secretBox.status().warning) {
    notices.push({ id: 'secret-storage', level: 'warning', message: deps.secretBox.status().warning as string })
  }

  const info = (): AppInfo => ({
    version: deps.version,
    shell: deps.shell,
    dataDir: deps.dataDir,
    auditLogPath: audit.path,
    secretStorage: deps.secretBox.status(),
    notices,
    canShowInFolder: deps.showItemInFolder !== undefined,
  })

  const coreHandlers: { [M in CoreMethodName]: Handlers[M] } = {
    'app.info': async () => info(),
    'profiles.list': async () => profiles.list(),
    'profiles.save': async (input) => {
      const saved = profiles.save(input)
      connections.forget(saved.id)
      audit.append({
        profile: saved.name,
        org: '',
        action: input.id ? 'profile.update' : 'profile.add',
        target: saved.apiBase,
        outcome: 'ok',
        detail: {
          region: saved.region,
          rekeyed: Boolean(input.clientSecret),
          ...(saved.secretDropped ? { reenterNeeded: saved.secretDropped } : {}),
        },
      })
      await audit.flush()
      return saved
    },
    'profiles.remove': async ({ id }) => {
      const removed = profiles.get(id)
      profiles.remove(id)
      connections.forget(id)
      audit.append({ profile: removed.name, org: '', action: 'profile.remove', target: removed.apiBase, outcome: 'ok' })
      await audit.flush()
      if (removed.active) status.setProfile(identity())
      return { removed: id }
    },
    'profiles.setActive': async ({ id }) => {
      const active = profiles.setActive(id)
      status.setProfile(identity())
      return active
    },
    'profiles.test': async ({ id }) => connections.test(id),
    'status.get': async () => status.snapshot(),
    ...createJobMethods({
      runner,
      pauseRefusal,
      record: (control, job) =>
        audit.append({
          profile: identity().profileName,
          org: '',
          action: `job.${control}`,
          target: job.title,
          outcome: 'ok',
          detail: { jobId: job.id, kind: job.kind, state: job.state },
        }),
    }),
    'shell.openExternal': async ({ url }) => {
      const parsed = parseHttpsUrl(url)
      if (!deps.openExternal) return { opened: false }
      await deps.openExternal(parsed)
      return { opened: true }
    },
  }

  for (const workflow of workflows) await workflow.start?.()
  const handlers = { ...coreHandlers, ...Object.assign({}, ...workflows.map((w) => w.handlers)) } as Handlers
  assertEveryMethodHandled(handlers)

  return {
    handlers,
    on: <S extends SignalName>(signal: S, listener: (payload: SignalPayload<S>) => void) => hub.on(signal, listener),
    onAppEvent: (listener) => appEvents.onAppEvent(listener),
    stagingDir: stagingDirOf(deps.dataDir),
    runningJobs: () => runner.running(),
    close: async () => {
      status.close()
      // Jobs stop first (recorded as interrupted), then the workflows release what their jobs used.
      await runner.close()
      for (const workflow of workflows) await workflow.close?.()
      await jobStore.close()
      await audit.close()
    },
  }
}

/** The methods no workflow in WORKFLOWS handles: createCore's own, held complete by the typecheck. */
type CoreMethodName = Exclude<MethodName, WorkflowMethodName>

/**
 * A second line of defence behind the typecheck (defineWorkflow and CoreMethodName): a handler lost to a
 * cast or a spread would otherwise surface only when clicked.
 */
function assertEveryMethodHandled(handlers: Partial<Handlers>): void {
  const missing = METHOD_NAMES.filter((m) => typeof handlers[m] !== 'function')
  if (missing.length) throw new Error(`No handler for ${missing.join(', ')}: register the workflow in core/workflows.ts.`)
}

function parseHttpsUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError({ code: 'invalid_input', message: `Not a valid address: ${url}`, hint: 'Only https links can be opened.' })
  }
  if (parsed.protocol !== 'https:') {
    throw new AppError({
      code: 'invalid_input',
      message: `Refused to open a ${parsed.protocol} link.`,
      hint: 'Only https links are opened outside the app.',
    })
  }
  return parsed.toString()
}
