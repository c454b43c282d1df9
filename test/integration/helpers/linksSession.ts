import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import {
  manualClock,
  startSandbox,
  syntheticConversation,
  type ManualClock,
  type Sandbox,
  type SandboxOptions,
  type SandboxRecording,
} from '../../../src/main/sandbox'
import { openTestCore } from './coreSession'
import { call } from './privacySession'

export { call }

/** The Content-Type a recording link serves in each format, as the Genesys API documents them. */
export const FORMAT_CONTENT_TYPES: Record<string, string> = {
  WAV: 'audio/wav',
  WAV_ULAW: 'audio/wav',
  MP3: 'audio/mpeg',
  OGG_VORBIS: 'audio/ogg',
  OGG_OPUS: 'audio/ogg',
  WEBM: 'audio/webm',
}

export interface LinksSession {
  core: Core
  sandbox: Sandbox
  clock: ManualClock
  dataDir: string
  close(): Promise<void>
}

/** A real core and a real sandbox sharing one manual clock, so link expiries and transcodes move only when told. */
export async function startLinksSession(options: SandboxOptions = {}): Promise<LinksSession> {
  const clock = manualClock(Date.UTC(2026, 10, 20, 9, 0, 0))
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, clock, ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-links-'))
  const core = await openTestCore(dataDir, sandbox, { now: () => new Date(clock.now()) })
  return {
    core,
    sandbox,
    clock,
    dataDir,
    close: async () => {
      await core.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

let added = 0

/** Adds a conversation with one recording (about 1 s of audio) shaped by `shape`; returns the recording. */
export function addRecording(sandbox: Sandbox, shape: Partial<SandboxRecording> = {}): SandboxRecording {
  added += 1
  const conversation = syntheticConversation(added, Date.UTC(2026, 10, 19, 15, 0, 0), 44 + 16_000, 'links-test')
  Object.assign(conversation.recordings[0], shape)
  sandbox.recordings.add(conversation)
  return conversation.recordings[0]
}

/** Every file under `dir`, read as text (binary files too: a signature would show as its ASCII hex). */
export async function allFileTexts(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'latin1') })))
}
