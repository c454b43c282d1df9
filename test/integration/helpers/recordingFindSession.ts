import type { Core } from '../../../src/main/core'
import { uuidFrom } from '../../../src/main/sandbox/organization'
import { SEED_QUEUES, type SandboxConversation, type SandboxRecording } from '../../../src/main/sandbox/recordings/recordingStore'
import type { RecordingFindInput, RecordingFindView } from '../../../src/shared/contract/recordings'
import { call } from './privacySession'

/** Starts a find and resolves with its view once it has finished (done, failed or cancelled). */
export async function findToEnd(core: Core, input: RecordingFindInput, timeoutMs = 20_000): Promise<RecordingFindView> {
  const started = await call(core, 'recordings.find', input)
  return waitForFind(core, started.id, (view) => view.finishedAt !== undefined, timeoutMs)
}

/** Resolves with the find's view once `done` holds for it (read on each change signal and once at the start). */
export function waitForFind(
  core: Core,
  id: string,
  done: (view: RecordingFindView) => boolean,
  timeoutMs = 20_000,
): Promise<RecordingFindView> {
  return new Promise((resolve, reject) => {
    let last: RecordingFindView | undefined
    const finish = (view: RecordingFindView) => {
      clearTimeout(timer)
      off()
      resolve(view)
    }
    const timer = setTimeout(() => {
      off()
      reject(new Error(`find ${id} did not get there in ${timeoutMs} ms; last state ${last?.state}`))
    }, timeoutMs)
    const look = (view: RecordingFindView) => {
      last = view
      if (done(view)) finish(view)
    }
    const off = core.on('recordings.find.changed', (view) => {
      if (view.id === id) look(view)
    })
    void call(core, 'recordings.find.get', { id }).then(look, reject)
  })
}

/** A conversation of the test's own, with the given recordings (none for a conversation never recorded). */
export function conversationWith(
  label: string,
  start: number,
  recordings: Partial<SandboxRecording>[],
  extra: Partial<SandboxConversation> = {},
): SandboxConversation {
  const id = uuidFrom(`conversation:test:${label}`)
  return {
    id,
    start,
    end: start + 60_000,
    direction: 'inbound',
    mediaType: 'voice',
    queue: SEED_QUEUES[0],
    participants: [
      { purpose: 'customer', communicationId: uuidFrom(`comm:${label}:customer`) },
      { purpose: 'acd', communicationId: uuidFrom(`comm:${label}:acd`) },
      { purpose: 'agent', name: 'Dana Whitfield', communicationId: uuidFrom(`comm:${label}:agent`) },
    ],
    analysed: false,
    ...extra,
    recordings: recordings.map((recording, index) => ({
      id: uuidFrom(`recording:test:${label}:${index}`),
      conversationId: id,
      media: 'audio',
      fileState: 'AVAILABLE',
      startTime: start,
      endTime: start + 60_000,
      durationMs: 60_000,
      transcodeMs: 0,
      sizeBytes: 960_044,
      tone: index,
      ...recording,
    })),
  }
}
