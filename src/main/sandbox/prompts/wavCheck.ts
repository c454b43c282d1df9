/**
 * What the sandbox's "transcoder" reads of a WAV: the RIFF/WAVE signature (anything else is refused with
 * 415 before it is stored) and the fmt and data chunks (a file without a valid pair fails to transcode).
 */
import { open } from 'node:fs/promises'

/** The codecs Architect takes in a WAV: PCM, a-law and mu-law. */
const TRANSCODABLE_FORMATS = new Set([1, 6, 7])
const MAX_CHUNKS = 1000

export function isRiffWave(head: Buffer): boolean {
  return head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE'
}

export type WavAnalysis = { ok: true; durationSeconds: number } | { ok: false; reason: string }

/** Walks the chunks of the WAV at `path` without reading its samples. */
export async function analyseWav(path: string): Promise<WavAnalysis> {
  const file = await open(path, 'r')
  try {
    const size = (await file.stat()).size
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await file.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead)
    }
    if (!isRiffWave(await read(0, 12))) return { ok: false, reason: 'not a RIFF/WAVE file' }
    let byteRate: number | undefined
    let dataBytes: number | undefined
    let offset = 12
    for (let count = 0; offset + 8 <= size && count < MAX_CHUNKS; count++) {
      const header = await read(offset, 8)
      const id = header.toString('latin1', 0, 4)
      const chunkSize = header.readUInt32LE(4)
      if (id === 'fmt ') {
        const fmt = await read(offset + 8, Math.min(chunkSize, 16))
        if (fmt.length < 16) return { ok: false, reason: 'the fmt chunk is too short' }
        const formatTag = fmt.readUInt16LE(0)
        const channels = fmt.readUInt16LE(2)
        const sampleRate = fmt.readUInt32LE(4)
        if (!TRANSCODABLE_FORMATS.has(formatTag)) return { ok: false, reason: `format tag ${formatTag} cannot be transcoded` }
        if (channels === 0 || sampleRate === 0 || fmt.readUInt32LE(8) === 0) return { ok: false, reason: 'the fmt chunk is invalid' }
        byteRate = fmt.readUInt32LE(8)
      } else if (id === 'data') {
        dataBytes = Math.min(chunkSize, size - offset - 8)
        break
      }
      offset += 8 + chunkSize + (chunkSize % 2)
    }
    if (byteRate === undefined) return { ok: false, reason: 'no fmt chunk' }
    if (!dataBytes) return { ok: false, reason: 'no audio samples (an empty or missing data chunk)' }
    return { ok: true, durationSeconds: Math.round((dataBytes / byteRate) * 1000) / 1000 }
  } finally {
    await file.close()
  }
}
