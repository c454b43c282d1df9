import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import { invokeMethod } from '../../../src/main/core/invoke'
import { POLL_SCHEDULE_SETTING, type PollSchedule } from '../../../src/main/core/privacy'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import type { MethodInput, MethodName, MethodResult } from '../../../src/shared/api'
import type { PrivacyRequestView } from '../../../src/shared/contract/privacy'
import { AppError } from '../../../src/shared/errors'
import { openTestCore, restartableSession, settingsWith, type RestartableSession } from './coreSession'

/** Milliseconds instead of seconds and minutes: 50, 100, 200, 200, ... */
export const FAST_SCHEDULE: PollSchedule = { baseMs: 50, capMs: 200, rateLimitedFloorMs: 180 }

/** A real core whose privacy tracking runs on `schedule`, set through the real settings file. */
export async function openPrivacyCore(sandbox: Sandbox, dataDir: string, schedule: PollSchedule = FAST_SCHEDULE): Promise<Core> {
  return openTestCore(dataDir, sandbox, { openSettings: settingsWith(POLL_SCHEDULE_SETTING, schedule) })
}

export type PrivacySession = RestartableSession

/** A sandbox with a high rate limit (tracking in milliseconds polls fast) and a core on a fresh folder. */
export async function startPrivacySession(options: SandboxOptions = {}, schedule: PollSchedule = FAST_SCHEDULE): Promise<PrivacySession> {
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, gdprStepMs: 100, ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-privacy-'))
  return restartableSession(sandbox, dataDir, () => openPrivacyCore(sandbox, dataDir, schedule))
}

/** Resolves with the request once `done` holds for it (from the list, read again on each change signal). */
export async function waitForRequest(
  core: Core,
  id: string,
  done: (view: PrivacyRequestView) => boolean,
  timeoutMs = 10_000,
): Promise<PrivacyRequestView> {
  return new Promise<PrivacyRequestView>((resolve, reject) => {
    let last: PrivacyRequestView | undefined
    let settled = false
    const finish = (view: PrivacyRequestView) => {
      settled = true
      clearTimeout(timer)
      off()
      resolve(view)
    }
    const timer = setTimeout(() => {
      off()
      reject(new Error(`request ${id} did not get there in ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`))
    }, timeoutMs)
    // The signal says which request changed, not what it now holds: read the list, as the screen does.
    const look = () =>
      void core.handlers['privacy.list']({}).then((list) => {
        const view = list.requests.find((r) => r.id === id)
        if (view) last = view
        if (view && !settled && done(view)) finish(view)
      })
    const off = core.on('privacy.request.changed', (signal) => {
      if (signal.id === id) look()
    })
    look()
  })
}

export const isFinished = (view: PrivacyRequestView) => view.status === 'COMPLETED' || view.status === 'ERROR'

/** What the sandbox knows of a request: its status and how many times it was fetched by id. */
export async function sandboxRequest(sandbox: Sandbox, id: string): Promise<{ status: string; polls: number; stepMs: number }> {
  const response = await fetch(`${sandbox.url}/__sandbox/gdpr/requests/${id}`)
  if (response.status !== 200) throw new Error(`sandbox control answered ${response.status}`)
  return (await response.json()) as { status: string; polls: number; stepMs: number }
}

export const JONAS = {
  name: 'Jonas Berg',
  emailAddresses: ['jonas.berg@example.com'],
  phoneNumbers: ['+442079460777'],
  addresses: [] as string[],
}
export const IVAN = {
  name: 'Ivan Petrov',
  emailAddresses: ['ivan.petrov@example.com'],
  phoneNumbers: [] as string[],
  addresses: [] as string[],
}

/** Calls a method as the shells do: the contract's schema parses the input first. Throws the AppError. */
export async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const response = await invokeMethod(core.handlers, method, input)
  if (!response.ok) throw AppError.fromData(response.error)
  return response.value as MethodResult<M>
}
