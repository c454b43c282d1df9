/**
 * The bytes of a recording's original media: a WAV (16-bit mono PCM, 8 kHz) of a tone, computed for
 * any byte range so a 200 MiB recording needs no memory and Range requests cost what they read.
 */
import type { SandboxRecording } from './recordingStore'
import { wavHeader, WAVE_FORMAT_PCM } from './wavHeader'

const SAMPLE_RATE = 8000
const HEADER_BYTES = 44

export const ORIGINAL_CONTENT_TYPE = 'audio/wav'

/** One period of the recording's tone, as 16-bit samples; the data repeats it. */
function tonePeriod(tone: number): Buffer {
  const frequency = 220 + (tone % 24) * 20
  const samples = Math.round(SAMPLE_RATE / frequency) * 4
  const period = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    period.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE)), i * 2)
  }
  return period
}

/** The original media's bytes [start, end) (end exclusive), as chunks of at most 64 KiB. */
export function* originalMediaChunks(recording: SandboxRecording, start = 0, end = recording.sizeBytes): Generator<Buffer> {
  const dataBytes = recording.sizeBytes - HEADER_BYTES
  const header = wavHeader(dataBytes, { formatTag: WAVE_FORMAT_PCM, bitsPerSample: 16, sampleRate: SAMPLE_RATE })
  const period = tonePeriod(recording.tone)
  let at = start
  if (at < HEADER_BYTES) {
    const until = Math.min(HEADER_BYTES, end)
    yield header.subarray(at, until)
    at = until
  }
  const CHUNK = 64 * 1024
  while (at < end) {
    const take = Math.min(CHUNK, end - at)
    const chunk = Buffer.allocUnsafe(take)
    let offset = (at - HEADER_BYTES) % period.length
    let filled = 0
    while (filled < take) {
      const copied = period.copy(chunk, filled, offset, Math.min(period.length, offset + (take - filled)))
      filled += copied
      offset = 0
    }
    yield chunk
    at += take
  }
}
