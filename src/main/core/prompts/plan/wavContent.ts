/**
 * What a file named .wav really holds, read by its content: file-type names what its first bytes are,
 * music-metadata parses the RIFF/WAVE chunks (core/media/wavStructure.ts: the rules call recordings
 * share). Architect takes PCM 8/16-bit, mu-law and
 * a-law WAV: anything else is refused with what it holds and how to convert it.
 */
import { fileTypeFromFile } from 'file-type'
import { parseFile, type IFormat } from 'music-metadata'
import { wavStructureProblem } from '../../media/wavStructure'

export type WavReading = { ok: true; durationSeconds: number } | { ok: false; reason: string; hint: string }

const CONVERT =
  'Convert it to WAV, 16-bit PCM mono (for example: ffmpeg -i in.mp3 -ac 1 -ar 8000 -c:a pcm_s16le out.wav), then add it again.'
const TAKEN = 'Architect takes WAV as PCM (8 or 16 bits), mu-law or a-law'
const EXPORT_AGAIN = 'Record or export the prompt again as a WAV file, then add it again.'

export async function readWavContent(path: string): Promise<WavReading> {
  const found = await fileTypeFromFile(path).catch(() => undefined)
  if (found?.ext !== 'wav') {
    const holds = found ? `${found.ext.toUpperCase()} (${found.mime})` : 'not a recognisable audio format'
    return refuse(`its content is ${holds}, not WAV`, found?.mime.startsWith('audio/') ? CONVERT : 'Check that it is the right file.')
  }
  let format: IFormat
  try {
    format = (await parseFile(path, { duration: true, skipCovers: true })).format
  } catch {
    // The parser's words name offsets and chunk sizes; what the admin needs is that it is damaged.
    return refuse('its WAV content is damaged: its chunks cannot be read', EXPORT_AGAIN)
  }
  return codecProblem(format) ?? lengthOf(format)
}

function codecProblem(format: IFormat): WavReading | undefined {
  const codec = format.codec
  if (wavStructureProblem(format) === 'noFormatChunk' || !codec)
    return refuse('it is a WAV without a "fmt " chunk, so its audio cannot be decoded', EXPORT_AGAIN)
  if (codec === 'MULAW' || codec === 'ALAW') return undefined
  if (codec === 'PCM') {
    if (format.bitsPerSample === 8 || format.bitsPerSample === 16) return undefined
    return refuse(`it is ${format.bitsPerSample ?? 'an unknown number of'}-bit PCM; ${TAKEN}`, CONVERT)
  }
  return refuse(`its audio is ${describeCodec(codec)}; ${TAKEN}`, CONVERT)
}

function describeCodec(codec: string): string {
  if (codec === 'IEEE_FLOAT') return '32-bit floating point'
  if (codec === 'non-PCM (65534)') return 'WAVE_FORMAT_EXTENSIBLE (a multichannel or high-resolution format)'
  return codec
}

function lengthOf(format: IFormat): WavReading {
  const duration = format.duration
  if (wavStructureProblem(format) === 'noSamples' || duration === undefined || !Number.isFinite(duration) || duration <= 0)
    return refuse('it is a WAV header with no audio samples (its data chunk is empty or missing)', EXPORT_AGAIN)
  return { ok: true, durationSeconds: Math.round(duration * 1000) / 1000 }
}

function refuse(reason: string, hint: string): WavReading {
  return { ok: false, reason, hint }
}
