import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import { BULK_FOLLOW_SCHEDULE_SETTING, type BulkFollowSchedule } from '../../../src/main/core/recordings/bulk'
import { manualClock, startSandbox, type ManualClock, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import type { BulkJobView } from '../../../src/shared/contract/recordings'
import { openTestCore, restartableSession, settingsWith, type RestartableSession } from './coreSession'
import { call } from './privacySession'

/** Checks every 20 ms, at most 100 ms apart: the sandbox's time moves only when the test says. */
export const FAST_FOLLOW: BulkFollowSchedule = { baseMs: 20, capMs: 100 }

export interface BulkSession extends RestartableSession {
  clock: ManualClock
}

async function openBulkCore(sandbox: Sandbox, dataDir: string): Promise<Core> {
  return openTestCore(dataDir, sandbox, { openSettings: settingsWith(BULK_FOLLOW_SCHEDULE_SETTING, FAST_FOLLOW) })
}

/** A sandbox on a manual clock and a real core on a fresh folder that follows bulk jobs fast. */
export async function startBulkSession(options: SandboxOptions = {}): Promise<BulkSession> {
  const clock = manualClock(Date.now())
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, clock, ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bulk-'))
  const session = await restartableSession(sandbox, dataDir, () => openBulkCore(sandbox, dataDir))
  return Object.assign(session, { clock })
}

/**
 * Resolves with the job once `done` holds for it, looking again at every `recordings.bulk.changed`
 * signal; `listFirst: false` waits for the signals only (what the app's own following finds).
 */
export function waitForBulkJob(
  core: Core,
  id: string,
  done: (view: BulkJobView) => boolean,
  { timeoutMs = 10_000, listFirst = true }: { timeoutMs?: number; listFirst?: boolean } = {},
): Promise<BulkJobView> {
  return new Promise<BulkJobView>((resolve, reject) => {
    let last: BulkJobView | undefined
    let settled = false
    const timer = setTimeout(() => {
      off()
      reject(new Error(`bulk job ${id} did not get there in ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`))
    }, timeoutMs)
    const consider = (view: BulkJobView | undefined) => {
      if (!view || settled) return
      last = view
      if (!done(view)) return
      settled = true
      clearTimeout(timer)
      off()
      resolve(view)
    }
    const off = core.on('recordings.bulk.changed', (view) => {
      if (view.id === id) consider(view)
    })
    if (listFirst) void call(core, 'recordings.bulk.list', {}).then((list) => consider(list.find((v) => v.id === id)))
  })
}

export const inState = (state: string) => (view: BulkJobView) => view.state === state
