/**
 * Archive folders written by hand in the manifest format (ARCHIVE_LAYOUT, FlowArchiveManifest), so verify
 * and compare can be tested on real files before, and apart from, the archive part that writes them.
 */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { canonicalJson } from '../../../src/main/core/flows/archive'
import {
  ARCHIVE_LAYOUT,
  ARCHIVE_MANIFEST_FORMAT,
  FlowArchiveManifest,
  type ArchivedVersion,
} from '../../../src/shared/contract/flows/archive'

export interface FixtureVersion {
  /** 'as-sent': compact JSON in the platform's key order, as a file archived by another tool might be. */
  layout?: 'canonical' | 'as-sent'
  id: string
  name: string
  type?: string
  datePublished?: string
  configuration: unknown
}

export interface FixtureFlow {
  id: string
  name: string
  type?: string
  versions: FixtureVersion[]
}

export interface WrittenVersion {
  flowId: string
  versionId: string
  /** Relative to the archive folder. */
  file: string
  sha256: string
  sizeBytes: number
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

/** The bytes a configuration is archived as: the archive's canonical JSON, or `layout` (another tool's form). */
export function configurationBytes(configuration: unknown, layout: 'canonical' | 'as-sent' = 'canonical'): Buffer {
  return Buffer.from(layout === 'canonical' ? canonicalJson(configuration) : JSON.stringify(configuration))
}

/** Writes configurations/<sha256>.json for every version and one valid manifest per flow; returns what was written. */
export async function writeArchiveFolder(folder: string, flows: FixtureFlow[], at = '2026-11-20T10:00:00.000Z'): Promise<WrittenVersion[]> {
  await mkdir(join(folder, ARCHIVE_LAYOUT.configurations), { recursive: true })
  await mkdir(join(folder, ARCHIVE_LAYOUT.manifests), { recursive: true })
  const written: WrittenVersion[] = []
  for (const flow of flows) {
    const versions: ArchivedVersion[] = []
    for (const version of flow.versions) {
      const bytes = configurationBytes(version.configuration, version.layout)
      const sha256 = sha256Hex(bytes)
      const file = ARCHIVE_LAYOUT.configurationFile(sha256)
      await writeFile(join(folder, file), bytes)
      written.push({ flowId: flow.id, versionId: version.id, file, sha256, sizeBytes: bytes.length })
      versions.push({
        id: version.id,
        name: version.name,
        type: version.type ?? 'PUBLISH',
        createdBy: { id: 'user-1', name: 'Ana Silva' },
        dateCreated: version.datePublished ?? at,
        ...(version.datePublished ? { datePublished: version.datePublished, datePublishedRaw: version.datePublished } : {}),
        file,
        sizeBytes: bytes.length,
        sha256,
        archivedAt: at,
      })
    }
    const manifest = FlowArchiveManifest.parse({
      format: ARCHIVE_MANIFEST_FORMAT,
      org: { id: 'org-1', name: 'Sandbox org' },
      flow: { id: flow.id, name: flow.name, type: flow.type ?? 'INBOUNDCALL' },
      updatedAt: at,
      runs: [{ at, versionIds: flow.versions.map((v) => v.id) }],
      versions,
    })
    await writeFile(join(folder, ARCHIVE_LAYOUT.manifestFile(flow.id)), JSON.stringify(manifest, null, 2))
  }
  return written
}

/** A small Architect-like configuration, different for each `n`. */
export function smallConfiguration(flowName: string, n: number): Record<string, unknown> {
  return {
    name: flowName,
    type: 'inboundcall',
    defaultLanguage: 'en-us',
    startUpRef: './menus/menu[Main_Menu]',
    variables: [{ name: 'Flow.Attempts', type: 'integer', initialValue: n }],
    menus: [{ refId: 'Main_Menu', name: 'Main menu', choices: [{ refId: `Choice_${n}`, name: `Option ${n}`, dtmf: String(n % 10) }] }],
  }
}
