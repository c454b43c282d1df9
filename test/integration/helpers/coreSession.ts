import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreDeps } from '../../../src/main/core'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { openConfSettings } from '../../../src/main/core/settings/openSettings'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'

/** Where a test core's sandbox profile connects: a sandbox, or a proxy or fake server in front of one. */
export interface TestOrg {
  url: string
  clientId: string
  clientSecret: string
}

/** A real core on `dataDir` (web shell, plain secrets) whose sandbox profile talks to `org`; `deps` adds or overrides. */
export function openTestCore(dataDir: string, org: TestOrg, deps: Partial<CoreDeps> = {}): Promise<Core> {
  return createCore({
    dataDir,
    shell: 'web',
    version: 'test',
    secretBox: createPlainSecretBox(),
    sandbox: { url: org.url, clientId: org.clientId, clientSecret: org.clientSecret },
    ...deps,
  })
}

/** The real settings file, with one setting written before the core reads it. */
export function settingsWith(key: string, value: unknown): CoreDeps['openSettings'] {
  return (dir) => {
    const settings = openConfSettings(dir)
    settings.set(key, value)
    return settings
  }
}

export interface CoreSession {
  core: Core
  sandbox: Sandbox
  dataDir: string
  close(): Promise<void>
}

/** A real core on a fresh data folder, talking to a real sandbox on 127.0.0.1; `shellDeps` adds what a shell would pass. */
export async function startCoreSession(
  sandboxOptions: SandboxOptions = {},
  dataDir?: string,
  shellDeps: Partial<Pick<CoreDeps, 'shell' | 'pickPath'>> = {},
): Promise<CoreSession> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-core-')))
  const sandbox = await startSandbox({ port: 0, ...sandboxOptions })
  const core = await openTestCore(dir, sandbox, shellDeps)
  return {
    core,
    sandbox,
    dataDir: dir,
    close: async () => {
      await core.close()
      await sandbox.close()
      if (!dataDir) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A sandbox and a core on a data folder that can be closed and opened again, as an app restart does. */
export interface RestartableSession {
  sandbox: Sandbox
  dataDir: string
  core: Core
  /** Closes the core and opens a new one on the same data folder and sandbox (an app restart); `whileClosed` runs in between. */
  restart(whileClosed?: () => Promise<void>): Promise<Core>
  /** Closes the core and the sandbox and deletes the data folder. */
  close(): Promise<void>
}

/** Opens the first core with `open`, and each restart's with it again. */
export async function restartableSession(sandbox: Sandbox, dataDir: string, open: () => Promise<Core>): Promise<RestartableSession> {
  const session: RestartableSession = {
    sandbox,
    dataDir,
    core: await open(),
    restart: async (whileClosed) => {
      await session.core.close()
      await whileClosed?.()
      session.core = await open()
      return session.core
    },
    close: async () => {
      await session.core.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return session
}
