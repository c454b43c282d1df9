import type { SandboxMediaFormat } from './formatMedia'
import type { SandboxRecording } from './recordingStore'

export type TranscodeProgress = { done: true; tookMs: number } | { done: false; remainingMs: number; estimatedMs: number }

/**
 * Transcodes on the sandbox clock: the first ask for a recording in a format starts one that lasts the
 * recording's `transcodeMs`; asks after that see it running, then done. Nothing runs on timers: the
 * state is worked out from the start time whenever someone asks (so a manual clock drives it).
 */
export class Transcodes {
  private readonly startedAt = new Map<string, number>()

  constructor(private readonly now: () => number) {}

  progress(recording: SandboxRecording, format: SandboxMediaFormat): TranscodeProgress {
    if (recording.transcodeMs <= 0) return { done: true, tookMs: 0 }
    const key = `${recording.conversationId}/${recording.id}/${format}`
    const now = this.now()
    let started = this.startedAt.get(key)
    if (started === undefined) {
      started = now
      this.startedAt.set(key, now)
    }
    const remainingMs = started + recording.transcodeMs - now
    return remainingMs > 0
      ? { done: false, remainingMs, estimatedMs: recording.transcodeMs }
      : { done: true, tookMs: recording.transcodeMs }
  }
}
