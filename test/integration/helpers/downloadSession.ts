import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Core } from '../../../src/main/core'
import { startSandbox, syntheticConversation, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import { originalMediaChunks } from '../../../src/main/sandbox/recordings/recordingMedia'
import type { DownloadItemRef, DownloadView } from '../../../src/shared/contract/recordings'
import { openTestCore } from './coreSession'
import { call } from './privacySession'
import { startMediaProxy, type MediaProxy } from './mediaProxy'

export { call }

export interface DownloadSession {
  sandbox: Sandbox
  /** In front of the sandbox when asked for: the core talks to it, and the links point at it. */
  proxy?: MediaProxy
  dataDir: string
  folder: string
  core: Core
  /** Closes the core and opens a new one on the same data folder; `client` changes the credentials it logs in with. */
  restart(client?: { id: string; secret: string }): Promise<Core>
  close(): Promise<void>
}

export async function startDownloadSession(
  options: SandboxOptions & { proxy?: boolean; showItemInFolder?: (path: string) => void } = {},
): Promise<DownloadSession> {
  const { proxy: withProxy, showItemInFolder, ...sandboxOptions } = options
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 100_000, ...sandboxOptions })
  const proxy = withProxy ? await startMediaProxy(sandbox.url) : undefined
  if (proxy) sandbox.setPublicUrl(proxy.url)
  const apiUrl = proxy?.url ?? sandbox.url
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-downloads-core-'))
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-downloads-'))
  let credentials = { id: sandbox.clientId, secret: sandbox.clientSecret }
  const open = () =>
    openTestCore(
      dataDir,
      { url: apiUrl, clientId: credentials.id, clientSecret: credentials.secret },
      // The desktop shell's Show in folder, recorded instead of opening a file manager.
      showItemInFolder ? { shell: 'electron', showItemInFolder } : {},
    )
  const session: DownloadSession = {
    sandbox,
    proxy,
    dataDir,
    folder,
    core: await open(),
    restart: async (client) => {
      await session.core.close()
      if (client) credentials = client
      session.core = await open()
      return session.core
    },
    close: async () => {
      await session.core.close()
      await proxy?.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
      await rm(folder, { recursive: true, force: true })
    },
  }
  return session
}

/** `count` synthetic conversations of one small recording each, added to the sandbox; the refs to download them. */
export function addConversations(
  sandbox: Sandbox,
  count: number,
  label: string,
  sizeOf: (i: number) => number = (i) => 400 + (i % 97),
): DownloadItemRef[] {
  const start = Date.parse('2026-02-10T08:00:00Z')
  const refs: DownloadItemRef[] = []
  for (let i = 0; i < count; i++) {
    const conversation = syntheticConversation(i, start + i * 61_000, sizeOf(i), label)
    sandbox.recordings.add(conversation)
    refs.push({
      conversationId: conversation.id,
      recordingId: conversation.recordings[0].id,
      startTime: new Date(conversation.start).toISOString(),
    })
  }
  return refs
}

/** The SHA-256 of a recording's media as the sandbox serves it. */
export function expectedSha256(sandbox: Sandbox, ref: { conversationId: string; recordingId: string }): string {
  const recording = sandbox.recordings.recording(ref.conversationId, ref.recordingId)
  if (!recording) throw new Error(`no recording ${ref.recordingId}`)
  const hash = createHash('sha256')
  for (const chunk of originalMediaChunks(recording)) hash.update(chunk)
  return hash.digest('hex')
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** Resolves with the download once `done` holds (read from the list every 50 ms). */
export async function waitForDownload(
  core: Core,
  id: string,
  done: (view: DownloadView) => boolean,
  timeoutMs = 60_000,
): Promise<DownloadView> {
  const until = Date.now() + timeoutMs
  let last: DownloadView | undefined
  while (Date.now() < until) {
    last = (await call(core, 'recordings.downloads.list', {})).find((d) => d.id === id)
    if (last && done(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(
    `download ${id} did not get there in time; last seen: ${JSON.stringify(last && { state: last.state, counts: last.counts })}`,
  )
}

export const isOver = (view: DownloadView): boolean => ['done', 'failed', 'cancelled'].includes(view.state)

export async function readManifest(path: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path, 'utf8'), { columns: true }) as Record<string, string>[]
}

export async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort()
}

export async function auditText(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'audit')
  const files = await readdir(dir)
  const texts = await Promise.all(files.filter((f) => f.endsWith('.jsonl')).map((f) => readFile(join(dir, f), 'utf8')))
  return texts.join('\n')
}
