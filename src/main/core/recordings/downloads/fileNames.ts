/** Stable, readable names for downloaded recordings, and the names "rename" picks beside a taken one. */
import { extname } from 'node:path'

const EXTENSIONS: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'application/json': 'json',
  'text/plain': 'txt',
  'text/html': 'html',
  'message/rfc822': 'eml',
}

export function extensionFor(contentType: string | undefined): string {
  const base = (contentType ?? '').split(';', 1)[0].trim().toLowerCase()
  return EXTENSIONS[base] ?? 'bin'
}

/** 2024-05-01T09-30-00Z: ISO time in UTC with dashes for colons (which Windows refuses in names). */
export function fileTimeOf(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-')
}

/** `<startTime>_<conversationId>_<recordingId>.<ext>`; without a start time, `<conversationId>_<recordingId>.<ext>`. */
export function recordingFileName(item: { conversationId: string; recordingId: string; startTime?: string }, contentType?: string): string {
  const parts = [item.startTime ? fileTimeOf(item.startTime) : undefined, safePart(item.conversationId), safePart(item.recordingId)]
  return `${parts.filter(Boolean).join('_')}.${extensionFor(contentType)}`
}

/** `name (n).ext` */
export function numberedName(fileName: string, n: number): string {
  const ext = extname(fileName)
  return `${fileName.slice(0, fileName.length - ext.length)} (${n})${ext}`
}

/** The hidden name a file is written under until it is verified: stable, so a restart continues it. */
export function partName(fileName: string): string {
  return `.${fileName}.part`
}

function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)
}
