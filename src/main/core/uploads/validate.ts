import { stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, extname } from 'node:path'
import type { UploadSettings } from '../../../shared/contract/uploads'
import { readAudioContent, type AudioReading } from './audioContent'
import { typeForExtension, type AudioTypeInfo } from './audioTypes'
import { readHead } from './detectContent'
import { describeFileError } from './fileProblems'
import { FileMemo } from './fileMemo'
import { precheckFile, type Refusal } from './precheck'

export type { Refusal }

export interface ValidatedFile {
  path: string
  name: string
  size: number
  mtimeMs: number
  type: AudioTypeInfo
  /** Length of the audio, read from the file. */
  durationSeconds: number
}

export type Validation = { ok: true; file: ValidatedFile } | { ok: false; refusal: Refusal }

type Rules = Pick<UploadSettings, 'maxFileBytes' | 'allowedTypes'>

/** Reading an MP3's length can mean reading all of it: the review, Start and the job share one reading. */
const audioReadings = new FileMemo<AudioReading>(2000)

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
  let head: Uint8Array
  try {
    head = size === 0 ? new Uint8Array() : await readHead(path)
  } catch (error) {
    return refuse(
      `could not be read: ${describeFileError(error)}`,
      'Check that you may read the file and that no other program holds it, then add it again.',
      size,
    )
  }
  // The same checks a browser's copy gets before it is made, from the name, size and first bytes.
  const refusal = await precheckFile({ name, size, head }, rules)
  if (refusal) return { ok: false, refusal: { ...refusal, path } }
  const byName = typeForExtension(extname(name)) as AudioTypeInfo
  const audio = audioReadings.get(path, stats) ?? (await readAudioContent(path, byName))
  audioReadings.set(path, stats, audio)
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
