/**
 * A real core with the uploads workflow, on a fresh data folder, talking to a real sandbox; calls go
 * through invokeMethod (the same parse-and-envelope path as IPC and the web shell).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppEvent, AuditEntry, SignalName, SignalPayload, MethodInput, MethodName, MethodResult } from '../../../src/shared/api'
import type { UploadView, UploadsSnapshot } from '../../../src/shared/contract/uploads'
import { AppError } from '../../../src/shared/errors'
import type { Core } from '../../../src/main/core'
import { listSegments } from '../../../src/main/core/audit/auditFiles'
import { invokeMethod } from '../../../src/main/core/invoke'
import type { UploadTuning } from '../../../src/main/core/uploads'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import { openTestCore } from './coreSession'

export interface UploadSession {
  core: Core
  sandbox: Sandbox
  dataDir: string
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>
  /** Every payload of `event` since the session started. */
  seen<E extends SignalName>(event: E): SignalPayload<E>[]
  /** Every app event (as onAppEvent hands it out) since the session started. */
  appEvents: AppEvent[]
  /** Polls uploads.list until `done` holds (or fails after timeoutMs with the last rows). */
  waitForRows(done: (rows: UploadView[], snapshot: UploadsSnapshot) => boolean, timeoutMs?: number): Promise<UploadsSnapshot>
  /** A new core on the same data folder and sandbox (the old one must be closed). */
  reopen(): Promise<Core>
  close(): Promise<void>
}

export async function makeDir(prefix = 'switchboard-uploads-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

export async function startUploadSession(
  opts: {
    sandbox?: SandboxOptions
    existingSandbox?: Sandbox
    tuning?: UploadTuning
    dataDir?: string
    /** The core's clock (e.g. a manual one, to pause for an hour without waiting for it). */
    now?: () => Date
  } = {},
): Promise<UploadSession> {
  const dataDir = opts.dataDir ?? (await makeDir('switchboard-core-'))
  const sandbox = opts.existingSandbox ?? (await startSandbox({ port: 0, seed: 11, ...opts.sandbox }))
  const events = new Map<string, unknown[]>()
  const appEvents: AppEvent[] = []
  const open = async () => {
    const core = await openTestCore(dataDir, sandbox, { uploadTuning: opts.tuning, ...(opts.now ? { now: opts.now } : {}) })
    core.onAppEvent((event) => appEvents.push(event))
    for (const name of ['upload.changed', 'upload.batchChanged', 'upload.removed'] as const) {
      core.on(name, (payload) => {
        const list = events.get(name) ?? []
        list.push(payload)
        events.set(name, list)
      })
    }
    return core
  }
  const session: UploadSession = {
    core: await open(),
    sandbox,
    dataDir,
    call: async (method, input) => {
      const response = await invokeMethod(session.core.handlers, method, input)
      if (!response.ok) throw AppError.fromData(response.error)
      return response.value as never
    },
    seen: (event) => (events.get(event) ?? []) as never,
    appEvents,
    waitForRows: async (done, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const snapshot = await session.call('uploads.list', {})
        if (done(snapshot.rows, snapshot)) return snapshot
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out; rows: ${JSON.stringify(snapshot.rows.map((r) => ({ name: r.name, state: r.state, error: r.error?.message })))}`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    reopen: async () => {
      session.core = await open()
      return session.core
    },
    close: async () => {
      await session.core.close().catch(() => undefined)
      if (!opts.existingSandbox) await sandbox.close()
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
  return session
}

export function allSettled(rows: UploadView[]): boolean {
  return rows.length > 0 && rows.every((row) => ['done', 'skipped', 'failed', 'refused', 'cancelled'].includes(row.state))
}

/** Every entry of the audit log in `dataDir`, oldest first, read from its files (after a flush). */
export async function readAudit(dataDir: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = []
  for (const segment of await listSegments(join(dataDir, 'audit'))) {
    const text = await readFile(segment.path, 'utf8').catch(() => '')
    for (const line of text.split('\n')) if (line.trim()) entries.push(JSON.parse(line) as AuditEntry)
  }
  return entries
}
