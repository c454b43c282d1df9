import { createHash } from 'node:crypto'
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import type { AuditEntry } from '../../../src/shared/api'
import { FlowArchiveManifest, type ArchiveView } from '../../../src/shared/contract/flows'
import { openTestCore, restartableSession, type RestartableSession } from './coreSession'
import { call } from './privacySession'

export { call }

export const CONFIGURATION_ROUTE = 'GET /api/v2/flows/:flowId/versions/:versionId/configuration'
export const VERSIONS_ROUTE = 'GET /api/v2/flows/:flowId/versions'

export interface FlowArchiveSession extends RestartableSession {
  /** An empty archive folder outside the data folder. */
  folder: string
}

/** A real sandbox (its request budget out of the way unless asked), a real core on a fresh data folder, an archive folder. */
export async function startFlowArchiveSession(options: SandboxOptions = {}): Promise<FlowArchiveSession> {
  const sandbox: Sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 100_000, ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-flows-core-'))
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-flow-archive-'))
  const session = await restartableSession(sandbox, dataDir, () => openTestCore(dataDir, sandbox))
  const close = session.close
  return Object.assign(session, {
    folder,
    close: async () => {
      await close()
      await rm(folder, { recursive: true, force: true })
    },
  })
}

export const isOver = (view: ArchiveView): boolean => ['done', 'failed', 'cancelled'].includes(view.state)

/** Resolves with the archive once `done` holds (read from the list every 50 ms). */
export async function waitForArchive(
  core: Core,
  id: string,
  done: (view: ArchiveView) => boolean = isOver,
  timeoutMs = 60_000,
): Promise<ArchiveView> {
  const until = Date.now() + timeoutMs
  let last: ArchiveView | undefined
  while (Date.now() < until) {
    last = (await call(core, 'flows.archive.list', {})).find((a) => a.id === id)
    if (last && done(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(
    `archive ${id} did not get there in time; last seen: ${JSON.stringify(last && { state: last.state, counts: last.counts })}`,
  )
}

export async function readManifestFile(path: string): Promise<{ manifest: FlowArchiveManifest; text: string; sha256: string }> {
  const text = await readFile(path, 'utf8')
  return { manifest: FlowArchiveManifest.parse(JSON.parse(text)), text, sha256: sha256(text) }
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')

/** Each file of configurations/ by name: its inode, change and modification times (a rewrite changes them). */
export async function configurationIdentities(folder: string): Promise<Map<string, string>> {
  const dir = join(folder, 'configurations')
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
  const identities = new Map<string, string>()
  for (const name of names) {
    const info = await lstat(join(dir, name), { bigint: true })
    identities.set(name, `${info.ino}:${info.mtimeNs}:${info.ctimeNs}`)
  }
  return identities
}

export async function auditEntries(core: Core, limit = 1000): Promise<AuditEntry[]> {
  return call(core, 'audit.tail', { limit })
}
