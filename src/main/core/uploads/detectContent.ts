import { open } from 'node:fs/promises'
import { fileTypeFromBuffer } from 'file-type'
import { typeForContent, type AudioTypeInfo } from './audioTypes'

/** file-type needs at most this many leading bytes to recognise a format. */
const SNIFF_BYTES = 4100

export interface DetectedContent {
  /** The audio type the content is, when it is one we know. */
  audio?: AudioTypeInfo
  /** What the content is, for messages: "WAV", "PNG", "unknown". */
  label: string
}

/** Recognises a file by its first bytes (magic numbers), not by its name. */
export async function detectContent(path: string): Promise<DetectedContent> {
  return classify(await readHead(path))
}

/** The leading bytes a format is recognised by: what a browser sends before copying a file. */
export async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

export async function classify(head: Uint8Array): Promise<DetectedContent> {
  const found = await fileTypeFromBuffer(head)
  if (!found) return { label: looksLikeText(head) ? 'text' : 'unknown' }
  const audio = typeForContent(found.ext)
  return { audio, label: audio?.label ?? `${found.ext.toUpperCase()}${found.mime.startsWith('video/') ? ' video' : ''}` }
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false
  let printable = 0
  for (const byte of head) if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127) || byte >= 128) printable += 1
  return printable / head.length > 0.95 && !head.includes(0)
}
