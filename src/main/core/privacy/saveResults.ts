import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { SavedResultFile, SavedResults } from '../../../shared/contract/privacy'
import { AppError, toAppError } from '../../../shared/errors'
import { partToCsv, tabularParts } from './csvCopy'
import type { OutboundUrlRule } from '../net/outboundUrl'
import { downloadResult } from './downloadResult'
import { assertOutsideDataFolder } from '../files/adminPaths'
import { parseJsonText } from '../files/parseJsonText'
import { writeFileAtomic } from '../files/writeFileAtomic'
import { PRIVATE_DIR_MODE } from '../files/privateFiles'

export interface SaveTarget {
  requestId: string
  /** Fresh result URLs (links expire: ask Genesys Cloud for them right before saving). */
  urls: string[]
  folder: string
  csv: boolean
  /** Which result links of the request's profile may be followed. */
  links: OutboundUrlRule
  /** Nothing is saved into the data folder through any path (its downloads folder excepted). */
  dataDir: string
}

export interface SaveHooks {
  audit: (action: string, outcome: 'ok' | 'error', detail: Record<string, string | number | boolean | null>) => void
  now: () => Date
  signal?: AbortSignal
}

/**
 * Downloads each result into <folder>/gdpr-export-<id>/, verifies it (the size that was announced
 * arrived, the JSON parses, SHA-256 recorded), optionally writes CSV copies of its tables, and never
 * overwrites a different file of the same name. A file that fails is reported, the others still saved.
 */
export async function saveResultFiles(target: SaveTarget, hooks: SaveHooks): Promise<SavedResults> {
  // The subfolder may already exist, as a link: what is written to is its real path, checked.
  await mkdir(join(target.folder, `gdpr-export-${safeName(target.requestId)}`), { recursive: true, mode: PRIVATE_DIR_MODE })
  const folder = await assertOutsideDataFolder(join(target.folder, `gdpr-export-${safeName(target.requestId)}`), {
    dataDir: target.dataDir,
    fieldName: 'folder',
  })
  const result: SavedResults = { savedAt: hooks.now().toISOString(), folder, files: [], problems: [] }
  for (const [i, url] of target.urls.entries()) {
    const index = i + 1
    try {
      const file = await saveOne(url, index, folder, target, hooks.signal)
      result.files.push(file)
      hooks.audit('privacy.download', 'ok', {
        index,
        bytes: file.bytes,
        sha256: file.sha256,
        csvFiles: file.csvPaths.length,
        alreadySaved: file.alreadySaved,
      })
    } catch (error) {
      const failure = toAppError(error)
      result.problems.push({ index, message: failure.message, hint: failure.hint })
      hooks.audit('privacy.download', 'error', { index, code: failure.code, status: failure.status ?? null })
    }
  }
  return result
}

async function saveOne(url: string, index: number, folder: string, target: SaveTarget, signal?: AbortSignal): Promise<SavedResultFile> {
  const name = resultFileName(url, index)
  const partial = join(folder, `.${name}.${randomBytes(4).toString('hex')}.part`)
  try {
    const downloaded = await downloadResult(url, partial, { links: target.links, signal })
    const json = parseJson(await readFile(partial, 'utf8'), index)
    const { path, alreadySaved } = await place(partial, folder, name, downloaded.sha256)
    const csvPaths = target.csv ? await writeCsvCopies(path, json) : []
    return { index, path, bytes: downloaded.bytes, sha256: downloaded.sha256, csvPaths, alreadySaved }
  } finally {
    await rm(partial, { force: true })
  }
}

function parseJson(text: string, index: number): unknown {
  const json = parseJsonText(text)
  if (json.ok) return json.value
  // The result is someone's personal data: the message never quotes it.
  throw new AppError({
    code: 'server_error',
    message: `Result ${index} is not valid JSON; it was not kept.`,
    hint: 'Save again; if it stays broken, give support the request id.',
  })
}

/** Moves the verified file to its name; the same bytes already there are kept, different ones get " (2)". */
async function place(partial: string, folder: string, name: string, sha256: string): Promise<{ path: string; alreadySaved: boolean }> {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let n = 1; n < 1000; n++) {
    const path = join(folder, n === 1 ? name : `${stem} (${n})${ext}`)
    const existing = await hashOf(path)
    if (existing === sha256) return { path, alreadySaved: true }
    if (existing === undefined) {
      await rename(partial, path)
      return { path, alreadySaved: false }
    }
  }
  throw new AppError({ code: 'file', message: `Too many files named like ${name} in ${folder}.`, hint: 'Choose another folder.' })
}

async function hashOf(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

async function writeCsvCopies(jsonPath: string, json: unknown): Promise<string[]> {
  const stem = jsonPath.slice(0, jsonPath.length - extname(jsonPath).length)
  const paths: string[] = []
  for (const part of tabularParts(json)) {
    const path = `${stem}.${safeName(part.name)}.csv`
    await writeFileAtomic(path, partToCsv(part))
    paths.push(path)
  }
  return paths
}

/** The file name of a result link ("interactions.json"), or result-N.json when it has none that is safe. */
export function resultFileName(url: string, index: number): string {
  let name = ''
  try {
    name = decodeURIComponent(basename(new URL(url).pathname))
  } catch {
    name = ''
  }
  const safe = safeName(name)
  if (!safe || safe.startsWith('.')) return `result-${index}.json`
  return extname(safe) ? safe : `${safe}.json`
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 120)
}
