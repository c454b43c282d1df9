import { parseFile, TrackType, type IFormat } from 'music-metadata'
import type { AudioType } from '../../../shared/contract/uploads'
import { wavStructureProblem } from '../media/wavStructure'
import type { AudioTypeInfo } from './audioTypes'

/** A recording that holds audio, with its length. */
export interface AudioHeld {
  ok: true
  durationSeconds: number
}

/** Why the content is not a recording we can send: what it holds, why that is refused, what to do. */
export interface AudioRefused {
  ok: false
  /** What the file holds, in a few words ("MP4 video", "Ogg Theora"). */
  holds: string
  message: string
  hint: string
}

export type AudioReading = AudioHeld | AudioRefused

const EXPORT_AGAIN = 'Export the recording again from the recorder, or leave this file out.'
const RIGHT_FILE = 'Check that it is the right file; if it is, export or convert the recording again.'

/**
 * Reads what the file really holds (music-metadata parses the container and its audio stream), not
 * only its first bytes: a header with no samples, a text file that starts like an MP3, or a video with
 * an audio track would otherwise pass as recordings.
 */
export async function readAudioContent(path: string, type: AudioTypeInfo): Promise<AudioReading> {
  let format: IFormat
  try {
    format = (await parseFile(path, { duration: true, skipCovers: true })).format
  } catch {
    // The parser's words name offsets and tag sizes; what the admin needs is that it is not a playable file.
    return refuse(
      `unreadable ${type.label}`,
      `is not a readable ${type.label} recording: it should hold ${SHOULD_HOLD[type.type]}, and its content is damaged or something else`,
      RIGHT_FILE,
    )
  }
  return CHECKS[type.type](format, type) ?? lengthOf(format, type)
}

const SHOULD_HOLD: Record<AudioType, string> = {
  wav: 'a "fmt " chunk and audio samples in a "data" chunk',
  mp3: 'MPEG audio frames',
  m4a: 'an audio track',
  ogg: 'a Vorbis or Opus stream',
  flac: 'FLAC audio frames',
}

type Check = (format: IFormat, type: AudioTypeInfo) => AudioRefused | undefined

const CHECKS: Record<AudioType, Check> = {
  wav: (format) => {
    const problem = wavStructureProblem(format)
    if (problem === 'noFormatChunk')
      return refuse('WAV without a format chunk', 'has no "fmt " chunk, so its audio cannot be decoded', EXPORT_AGAIN)
    if (problem === 'noSamples')
      return refuse(
        'WAV header without samples',
        'is a WAV header with no audio samples (its data chunk is empty or missing)',
        EXPORT_AGAIN,
      )
    return undefined
  },
  mp3: (format) => {
    if (format.container !== 'MPEG' || !/^MPEG [\d.]+ Layer [123]$/.test(format.codec ?? '')) {
      const holds = format.codec ? `${format.codec} audio` : 'no MPEG audio'
      return refuse(holds, `has no valid MPEG audio frames${format.codec ? ` (it holds ${format.codec})` : ''}`, RIGHT_FILE)
    }
    return undefined
  },
  m4a: (format) => videoInside(format, 'MP4') ?? noAudio(format, 'MP4'),
  ogg: (format) => {
    const video = videoInside(format, 'Ogg')
    if (video) return video
    const codec = format.codec ?? ''
    if (!format.hasAudio || !/^(Vorbis|Opus)\b/.test(codec)) {
      const holds = codec ? `Ogg ${codec}` : 'Ogg without audio'
      return refuse(
        holds,
        `has no Vorbis or Opus audio stream${codec ? ` (it holds ${codec})` : ''}`,
        'Convert the recording to Ogg Vorbis or Ogg Opus, or to another allowed type, then add it again.',
      )
    }
    return undefined
  },
  flac: (format) => videoInside(format, 'FLAC') ?? noAudio(format, 'FLAC'),
}

function lengthOf(format: IFormat, type: AudioTypeInfo): AudioReading {
  const duration = format.duration
  if (duration === undefined || !Number.isFinite(duration) || duration <= 0) {
    return refuse(
      `${type.label} of no length`,
      `holds no audio to play: its length is 0 seconds${duration === undefined ? ' (no complete audio frames were found)' : ''}`,
      EXPORT_AGAIN,
    )
  }
  return { ok: true, durationSeconds: Math.round(duration * 1000) / 1000 }
}

function videoInside(format: IFormat, container: string): AudioRefused | undefined {
  const video = format.trackInfo.find((track) => track.video !== undefined || track.type === TrackType.video)
  if (!format.hasVideo && !video) return undefined
  const codec = video?.codecName?.replace(/[<>]/g, '') || video?.codecId
  return refuse(
    `${container} video`,
    `is a video${codec ? ` (it has a video track: ${codec})` : ''}, not an audio recording`,
    'Keep only its audio (for example: ffmpeg -i video.mp4 -vn -c:a copy audio.m4a) and add that file instead.',
  )
}

function noAudio(format: IFormat, container: string): AudioRefused | undefined {
  if (format.hasAudio && format.trackInfo.some((track) => track.audio !== undefined || track.type === TrackType.audio)) return undefined
  return refuse(`${container} without audio`, 'has no audio track', RIGHT_FILE)
}

function refuse(holds: string, message: string, hint: string): AudioRefused {
  return { ok: false, holds, message, hint }
}
