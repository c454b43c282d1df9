/**
 * manifests/<flowId>.json: read, merged with a run's new rows, validated against the shared format
 * (FlowArchiveManifest) and written atomically as canonical JSON, so its SHA-256 is that of its bytes and
 * the same content always gives the same hash. Versions are kept newest first; a run is listed only when
 * it added or repaired something.
 */
import { lstat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT, ARCHIVE_MANIFEST_FORMAT, FlowArchiveManifest, type ArchivedVersion } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { writeFileAtomic } from '../../files/writeFileAtomic'
import { canonicalJson } from './canonicalJson'
import { sha256Hex } from './configurationFiles'

export interface StoredManifest {
  manifest: FlowArchiveManifest
  sha256: string
  path: string
}

export function manifestPathOf(folder: string, flowId: string): string {
  return join(folder, ARCHIVE_LAYOUT.manifestFile(flowId))
}

/** The flow's manifest, or undefined when there is none yet; one that cannot be read stops the archive, never overwritten. */
export async function readManifest(folder: string, flowId: string): Promise<StoredManifest | undefined> {
  const path = manifestPathOf(folder, flowId)
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw unreadable(path, error.code ?? 'unknown error')
  })
  if (!info) return undefined
  if (!info.isFile()) throw unreadable(path, 'it is not a regular file')
  const bytes = await readFile(path)
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw unreadable(path, 'it is not JSON')
  }
  const parsed = FlowArchiveManifest.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw unreadable(path, `${issue?.path.join('.') || '(the document)'}: ${issue?.message ?? 'invalid'}`)
  }
  return { manifest: parsed.data, sha256: sha256Hex(bytes), path }
}

export interface ManifestUpdate {
  org: FlowArchiveManifest['org']
  flow: FlowArchiveManifest['flow']
  /** When this archive started: its entry in `runs`. */
  runAt: string
  /** Rows this run archived (new, or repaired); they replace rows of the same id. */
  rows: ArchivedVersion[]
  now: string
}

export function mergeManifest(existing: FlowArchiveManifest | undefined, update: ManifestUpdate): FlowArchiveManifest {
  const byId = new Map((existing?.versions ?? []).map((row) => [row.id, row]))
  for (const row of update.rows) byId.set(row.id, row)
  const runs = (existing?.runs ?? []).map((run) => ({ ...run, versionIds: [...run.versionIds] }))
  if (update.rows.length > 0) {
    const ids = update.rows.map((row) => row.id)
    const run = runs.find((r) => r.at === update.runAt)
    if (run) run.versionIds = [...new Set([...run.versionIds, ...ids])]
    else runs.push({ at: update.runAt, versionIds: ids })
  }
  runs.sort((a, b) => a.at.localeCompare(b.at))
  return {
    format: ARCHIVE_MANIFEST_FORMAT,
    org: update.org,
    flow: update.flow,
    updatedAt: update.now,
    runs,
    versions: [...byId.values()].sort(newestFirst),
  }
}

/** Validated, then written atomically; returns the SHA-256 of the bytes written. */
export async function writeManifest(folder: string, manifest: FlowArchiveManifest): Promise<StoredManifest> {
  const parsed = FlowArchiveManifest.safeParse(manifest)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError({
      code: 'internal',
      message: `The manifest of flow ${manifest.flow.id} did not pass its own format check (${issue?.path.join('.') || '(the document)'}: ${issue?.message ?? 'invalid'}); it was not written.`,
      hint: 'This is a bug in Switchboard; the configuration files written so far stay, and a later run writes the manifest.',
    })
  }
  const text = canonicalJson(parsed.data)
  const path = manifestPathOf(folder, manifest.flow.id)
  await writeFileAtomic(path, text)
  return { manifest: parsed.data, sha256: sha256Hex(text), path }
}

/** The date a version's timeline places it at, as the screen sorts. */
export function whenOf(row: Pick<ArchivedVersion, 'datePublished' | 'dateCheckedIn' | 'dateSaved' | 'dateCreated'>): string {
  return row.datePublished ?? row.dateCheckedIn ?? row.dateSaved ?? row.dateCreated ?? ''
}

function newestFirst(a: ArchivedVersion, b: ArchivedVersion): number {
  return timeOf(b) - timeOf(a) || a.id.localeCompare(b.id)
}

function timeOf(row: ArchivedVersion): number {
  const ms = Date.parse(whenOf(row))
  return Number.isFinite(ms) ? ms : 0
}

function unreadable(path: string, why: string): AppError {
  return new AppError({
    code: 'file',
    message: `The archive's manifest ${path} cannot be read (${why}); it was left as it is.`,
    hint: 'Verify the archive folder, then restore the manifest from a copy or move it away so the next archive writes a new one.',
  })
}
