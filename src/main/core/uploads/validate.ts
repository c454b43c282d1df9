import { stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, extname } from 'node:path'
import type { UploadSettings } from '../../../shared/contract/uploads'
import { readAudioContent } from './audioContent'
import { AUDIO_TYPE_INFO, typeForExtension, type AudioTypeInfo } from './audioTypes'
import { detectContent } from './detectContent'
import { describeFileError } from './fileProblems'
import { formatBytes } from '../../../shared/format'

export interface ValidatedFile {
  path: string
  name: string
  size: number
  mtimeMs: number
  type: AudioTypeInfo
  /** Length of the audio, read from the file. */
  durationSeconds: number
}

export interface Refusal {
  path: string
  name: string
  size: number
  message: string
  hint: string
  /** What the content is, when it was read. */
  contentLabel?: string
}

export type Validation = { ok: true; file: ValidatedFile } | { ok: false; refusal: Refusal }

type Rules = Pick<UploadSettings, 'maxFileBytes' | 'allowedTypes'>

/** Where the admin changes the size limit and the allowed types. */
const SETTINGS_PLACE = 'Uploads › Upload settings'

/**
 * Checks one file before anything is sent: it exists and is a regular file, is not empty, is within the
 * size limit, has an allowed extension, its content (magic bytes) is that same allowed type, and that
 * content really holds audio of some length (no video, no empty header).
 */
export async function validateFile(path: string, rules: Rules): Promise<Validation> {
  const name = basename(path)
  const refuse = (message: string, hint: string, size = 0, contentLabel?: string): Validation => ({
    ok: false,
    refusal: { path, name, size, message, hint, ...(contentLabel ? { contentLabel } : {}) },
  })
  let stats: Stats
  try {
    stats = await stat(path)
  } catch (error) {
    return refuse(
      `could not be read: ${describeFileError(error)}`,
      'Check that the file is still there and that you may read it, then add it again.',
    )
  }
  if (!stats.isFile()) return refuse(`${notAFile(stats)}`, 'Only recordings (regular files) can be uploaded.')
  const size = stats.size
  if (size === 0) return refuse('is empty (0 bytes)', 'The recording has no content: export it again from the recorder.')
  if (size > rules.maxFileBytes) {
    return refuse(
      `is ${formatBytes(size)}; the limit is ${formatBytes(rules.maxFileBytes)}`,
      `Split the recording or compress it, or raise the size limit under ${SETTINGS_PLACE}.`,
      size,
    )
  }
  const allowed = rules.allowedTypes.map((t) => AUDIO_TYPE_INFO[t].label).join(', ')
  const extension = extname(name)
  const byName = typeForExtension(extension)
  if (!byName || !rules.allowedTypes.includes(byName.type)) {
    const what = extension ? `${extension} files are` : 'Files without an extension are'
    return refuse(
      `${what} not allowed (allowed: ${allowed})`,
      `Convert the recording to an allowed type, or change the allowed types under ${SETTINGS_PLACE}.`,
      size,
    )
  }
  let detected
  try {
    detected = await detectContent(path)
  } catch (error) {
    return refuse(
      `could not be read: ${describeFileError(error)}`,
      'Check that you may read the file and that no other program holds it, then add it again.',
      size,
    )
  }
  if (detected.audio?.type !== byName.type) {
    const hint =
      detected.audio && rules.allowedTypes.includes(detected.audio.type)
        ? `Rename it to ${detected.audio.extensions[0]} if it really is ${detected.audio.label}.`
        : 'The name says audio but the content is something else: check that it is the right file.'
    return refuse(`content is ${detected.label}, not ${byName.label}`, hint, size, detected.label)
  }
  const audio = await readAudioContent(path, byName)
  if (!audio.ok) return refuse(audio.message, audio.hint, size, audio.holds)
  return { ok: true, file: { path, name, size, mtimeMs: stats.mtimeMs, type: byName, durationSeconds: audio.durationSeconds } }
}

function notAFile(stats: Stats): string {
  if (stats.isDirectory()) return 'is a folder, not a file'
  if (stats.isFIFO()) return 'is a named pipe, not a file, and cannot be read as a recording'
  if (stats.isSocket()) return 'is a socket, not a file'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a file'
  return 'is not a regular file'
}
