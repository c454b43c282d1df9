import { extname } from 'node:path'

/**
 * What UploadUrlRequest.fileName may not hold (SDK model docs): whitespace and \{^}%`]">[~<#|. Control
 * characters and slashes go too: a name is one path segment, never a folder.
 */
const REFUSED_RUN = /[\s\p{Cc}\\{^}%`\]">[~<#|/]+/gu
const MAX_STEM = 180
const FALLBACK_STEM = 'recording'

/**
 * The name a recording is sent under: readable, the same for the same local name, extension kept; each
 * run of characters the API refuses becomes one "_" and leading dots go ("my call #3.wav" -> "my_call_3.wav").
 */
export function safeUploadName(name: string): string {
  const extension = extname(name)
  const cleanExtension = extension.replace(REFUSED_RUN, '')
  const stem = name
    .slice(0, name.length - extension.length)
    .replace(REFUSED_RUN, '_')
    .replace(/^[._]+|_+$/g, '')
  return `${[...stem].slice(0, MAX_STEM).join('') || FALLBACK_STEM}${cleanExtension}`
}

/**
 * Upload names for one batch, in its order, no two alike (compared without case). A name already safe
 * keeps itself; a derived name that would clash gets "-2", "-3"... before its extension.
 */
export function uploadNamesFor(names: string[]): string[] {
  const wanted = names.map(safeUploadName)
  const taken = new Set<string>()
  const result: string[] = new Array(names.length)
  const claim = (index: number) => {
    const base = wanted[index]
    const extension = extname(base)
    const stem = base.slice(0, base.length - extension.length)
    let candidate = base
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${extension}`
    taken.add(candidate.toLowerCase())
    result[index] = candidate
  }
  // Names that needed no change claim theirs first, so a derived name never takes one from them.
  names.forEach((name, index) => name === wanted[index] && claim(index))
  names.forEach((name, index) => name !== wanted[index] && claim(index))
  return result
}
