import type { AudioType } from '../../../shared/contract/uploads'

export interface AudioTypeInfo {
  type: AudioType
  /** What the admin reads: "WAV". */
  label: string
  /** File name extensions (lower case, with the dot). */
  extensions: string[]
  /** file-type's `ext` values whose content counts as this type. */
  contentExts: string[]
  /** Sent as contentType with the presign, and so as the PUT's Content-Type. */
  mime: string
}

export const AUDIO_TYPE_INFO: Record<AudioType, AudioTypeInfo> = {
  wav: { type: 'wav', label: 'WAV', extensions: ['.wav', '.wave'], contentExts: ['wav'], mime: 'audio/wav' },
  mp3: { type: 'mp3', label: 'MP3', extensions: ['.mp3'], contentExts: ['mp3'], mime: 'audio/mpeg' },
  // Recorders often write audio-only MP4 with a generic brand, which file-type names mp4.
  m4a: { type: 'm4a', label: 'M4A', extensions: ['.m4a'], contentExts: ['m4a', 'mp4'], mime: 'audio/mp4' },
  // Ogg is a container: Vorbis, Opus and Speex recordings are all .ogg files.
  ogg: { type: 'ogg', label: 'OGG', extensions: ['.ogg', '.oga', '.opus'], contentExts: ['ogg', 'oga', 'opus', 'spx'], mime: 'audio/ogg' },
  flac: { type: 'flac', label: 'FLAC', extensions: ['.flac'], contentExts: ['flac'], mime: 'audio/flac' },
}

export function typeForExtension(extension: string): AudioTypeInfo | undefined {
  const lower = extension.toLowerCase()
  return Object.values(AUDIO_TYPE_INFO).find((info) => info.extensions.includes(lower))
}

export function typeForContent(contentExt: string): AudioTypeInfo | undefined {
  return Object.values(AUDIO_TYPE_INFO).find((info) => info.contentExts.includes(contentExt))
}
