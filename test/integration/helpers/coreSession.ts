import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreDeps } from '../../../src/main/core'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'

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
  const core = await createCore({
    dataDir: dir,
    shell: 'web',
    version: 'test',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    ...shellDeps,
  })
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
