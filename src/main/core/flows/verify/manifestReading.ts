/**
 * Reads every manifests/*.json of an archive folder and checks each against FlowArchiveManifest. A
 * manifest that cannot be read or does not match is a problem to report, never a reason to stop; the
 * files it still seems to name are remembered, so they are not called extra as well.
 */
import { join } from 'node:path'
import { ARCHIVE_LAYOUT, FlowArchiveManifest, type FlowArchiveManifest as Manifest } from '../../../../shared/contract/flows/archive'
import type { VerifyProblem } from '../../../../shared/contract/flows/verify'
import { formatBytes } from '../../../../shared/format'
import { parseJsonText } from '../../files/parseJsonText'
import { describeIssues } from '../../genesys/schemaIssues'
import { openArchiveEntry, type ArchiveEntry } from './archiveEntry'
import { ARCHIVE_LIMITS } from './archiveLimits'
import { listArchiveFolder } from './folderListing'
import { extraEntryProblem, linkedFolderProblem } from './verifyProblems'

export interface ReadManifest {
  /** Relative to the archive folder: manifests/<flowId>.json. */
  path: string
  manifest: Manifest
}

export interface ManifestReading {
  /** manifests/ exists as a folder. */
  folderPresent: boolean
  /** Every manifest file found, valid or not. */
  found: number
  valid: ReadManifest[]
  problems: VerifyProblem[]
  /** Files named by manifests that did not pass the check: not verified, not extra either. */
  namedByInvalid: Set<string>
}

const CONFIGURATION_FILE = /^configurations\/[0-9a-f]{64}\.json$/

export async function readManifests(archive: string, signal?: AbortSignal): Promise<ManifestReading> {
  const reading: ManifestReading = { folderPresent: false, found: 0, valid: [], problems: [], namedByInvalid: new Set() }
  const listing = await listArchiveFolder(archive, join(archive, ARCHIVE_LAYOUT.manifests), ARCHIVE_LIMITS.maxFolderEntries, signal)
  if (listing.state === 'link') {
    reading.problems.push(linkedFolderProblem('manifest-invalid', ARCHIVE_LAYOUT.manifests, listing, 'manifests'))
    return reading
  }
  if (listing.state === 'not-a-folder') {
    reading.problems.push({
      kind: 'manifest-invalid',
      path: ARCHIVE_LAYOUT.manifests,
      detail: `${ARCHIVE_LAYOUT.manifests} is a file, not the folder of manifests.`,
      hint: 'Move it aside and restore the manifests folder from a backup copy.',
    })
    return reading
  }
  if (listing.state === 'absent') return reading
  reading.folderPresent = true
  for (const entry of listing.entries) {
    signal?.throwIfAborted()
    const path = `${ARCHIVE_LAYOUT.manifests}/${entry.name}`
    if (!entry.name.endsWith('.json') || entry.isDirectory()) {
      reading.problems.push(extraEntryProblem(path, entry.isDirectory() ? 'folder' : 'file', 'manifests'))
      continue
    }
    reading.found += 1
    if (reading.found > ARCHIVE_LIMITS.maxManifests) {
      reading.problems.push(invalid(path, `More than ${ARCHIVE_LIMITS.maxManifests} manifests: this one and the rest were not read.`))
      continue
    }
    await readOne(archive, path, reading)
  }
  return reading
}

async function readOne(archive: string, path: string, reading: ManifestReading): Promise<void> {
  const entry = await openArchiveEntry(archive, join(archive, path))
  const text = await manifestText(entry, path, reading)
  if (text === undefined) return
  const parsed = parseJsonText(text)
  if (!parsed.ok) {
    reading.problems.push(invalid(path, `${path} is not JSON: it cannot be read as a manifest.`))
    return
  }
  const checked = FlowArchiveManifest.safeParse(parsed.value)
  if (!checked.success) {
    const named = filesNamedIn(parsed.value)
    for (const file of named) reading.namedByInvalid.add(file)
    reading.problems.push(
      invalid(
        path,
        `${path} does not have the form of a flow archive manifest (${describeIssues(checked.error)}).` +
          (named.size > 0 ? ` The ${named.size} file${named.size === 1 ? '' : 's'} it names were not checked.` : ''),
        flowIdIn(parsed.value),
      ),
    )
    return
  }
  const manifest = checked.data
  if (ARCHIVE_LAYOUT.manifestFile(manifest.flow.id) !== path) {
    reading.problems.push(
      invalid(
        path,
        `${path} describes flow ${manifest.flow.id} (“${manifest.flow.name}”), but a flow's manifest is named after its id: ${ARCHIVE_LAYOUT.manifestFile(manifest.flow.id)}. Its files were still checked.`,
        manifest.flow.id,
        'Rename it back, or remove it if it is a copy.',
      ),
    )
  }
  reading.valid.push({ path, manifest })
}

/** The manifest's text, or undefined with the problem recorded (a link, a folder, too large). */
async function manifestText(entry: ArchiveEntry, path: string, reading: ManifestReading): Promise<string | undefined> {
  if (entry.kind === 'missing') return undefined // removed while verify ran
  if (entry.kind === 'link') {
    const where = entry.outside ? 'pointing outside the archive folder' : 'to another file'
    reading.problems.push(
      invalid(
        path,
        `${path} is a link ${where} (${entry.target || 'unreadable'}), not a manifest file. Verify does not follow links, so it was not read.`,
      ),
    )
    return undefined
  }
  if (entry.kind === 'not-a-file') {
    reading.problems.push(invalid(path, `${path} is a ${entry.what}, not a manifest file.`))
    return undefined
  }
  try {
    if (entry.sizeBytes > ARCHIVE_LIMITS.maxManifestBytes) {
      reading.problems.push(
        invalid(
          path,
          `${path} is ${formatBytes(entry.sizeBytes)}, more than a manifest can be (${formatBytes(ARCHIVE_LIMITS.maxManifestBytes)}); it was not read.`,
        ),
      )
      return undefined
    }
    return await entry.handle.readFile('utf8')
  } finally {
    await entry.handle.close()
  }
}

function invalid(path: string, detail: string, flowId?: string, hint?: string): VerifyProblem {
  return {
    kind: 'manifest-invalid',
    path,
    ...(flowId ? { flowId } : {}),
    detail,
    hint:
      hint ??
      'Restore the manifest from a backup copy (the remote archive, if one is set up). Until then the files it names are not checked.',
  }
}

/** Configuration files a manifest that failed its check still names, read loosely from its versions. */
function filesNamedIn(value: unknown): Set<string> {
  const named = new Set<string>()
  const versions = (value as { versions?: unknown } | null)?.versions
  if (!Array.isArray(versions)) return named
  for (const version of versions.slice(0, 100_000) as unknown[]) {
    if (typeof version !== 'object' || version === null) continue
    const { file, sha256 } = version as { file?: unknown; sha256?: unknown }
    if (typeof file === 'string' && CONFIGURATION_FILE.test(file)) named.add(file)
    if (typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256)) named.add(ARCHIVE_LAYOUT.configurationFile(sha256))
  }
  return named
}

function flowIdIn(value: unknown): string | undefined {
  const id = (value as { flow?: { id?: unknown } } | null)?.flow?.id
  return typeof id === 'string' && id.length <= 200 ? id : undefined
}
