import type { Notice } from '../../../../shared/api'

/**
 * What a dismissal is remembered by: the notice's id and a digest of what it says, so a later notice of
 * the same kind with other content (other jobs interrupted, another file set aside) shows again.
 */
export function noticeKey(notice: Pick<Notice, 'id' | 'level' | 'message' | 'hint' | 'jobIds'>): string {
  const content = [notice.level, notice.message, notice.hint ?? '', [...(notice.jobIds ?? [])].sort().join(',')].join('\n')
  return `${notice.id}#${fnv1a(content)}`
}

/** 32-bit FNV-1a in hex: short, stable, enough to tell two texts apart (not a security digest). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** Keeps the newest keys only, so the stored list cannot grow without end. */
export function withDismissal(keys: readonly string[], key: string, limit = 200): string[] {
  return [...keys.filter((k) => k !== key), key].slice(-limit)
}
