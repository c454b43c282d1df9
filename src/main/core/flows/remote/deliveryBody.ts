/**
 * The body of one copy: multipart/form-data (RFC 7578), serialised by Node's own FormData into a file
 * that outboundHttp streams. Multipart, not a JSON envelope, because the configuration files travel as
 * the exact bytes archived (a receiver checks each one against its SHA-256), every web stack parses it
 * without a custom format, and files stream from disk instead of being escaped into one string.
 * The format is documented for receivers in docs/remote-archive.md.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { ARCHIVE_LAYOUT, type FlowArchiveManifest } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { PRIVATE_FILE_MODE } from '../../files/privateFiles'
import { capBytes } from '../../net/capBytes'
import { archiveFileError, readManifestFile, VERIFY_HINT } from './archiveManifestFile'
import { DELIVERY_KEY_RECIPE } from './idempotencyKey'
import type { DeliveryRecord } from './deliveryRecord'

/** One copy's body at most: hundreds of configurations of tens of KB fit many times over. */
export const MAX_DELIVERY_BYTES = 512 * 1024 * 1024

export interface DeliveryBody {
  path: string
  size: number
  contentType: string
  /** Configuration files carried (one per distinct SHA-256). */
  files: number
}

/** The delivery part: what the copy is, so a receiver can check it and recompute the Idempotency-Key. */
export interface DeliveryDescription {
  format: typeof DELIVERY_KEY_RECIPE
  idempotencyKey: string
  archiveRunId: string
  flow: { id: string; name: string }
  org: { id: string; name?: string }
  manifestFile: string
  manifestSha256: string
  versions: { id: string; sha256: string; sizeBytes: number; file: string }[]
}

/**
 * Writes the copy of `record` to `target` (created new, 0600): its description, the flow's manifest as
 * it is now, and each of the run's configuration files, each checked against the SHA-256 it was archived
 * with. A file changed or missing since the archive stops the copy: a backup must not carry damage.
 */
export async function writeDeliveryBody(record: DeliveryRecord, target: string): Promise<DeliveryBody> {
  const manifestFile = ARCHIVE_LAYOUT.manifestFile(record.flowId)
  const { bytes: manifestBytes, manifest } = await readManifestFile(record.folder, record.flowId)
  assertManifestHolds(manifest, record)

  const versions = [...record.versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const files = new Map<string, string>()
  for (const version of versions) {
    if (files.has(version.sha256)) continue
    // The name comes from the hash, never from a path in a file someone could edit.
    const file = ARCHIVE_LAYOUT.configurationFile(version.sha256)
    await assertFileHolds(join(record.folder, file), version.sha256, version.sizeBytes)
    files.set(version.sha256, file)
  }

  const description: DeliveryDescription = {
    format: DELIVERY_KEY_RECIPE,
    idempotencyKey: record.idempotencyKey,
    archiveRunId: record.archiveId,
    flow: { id: record.flowId, name: record.flowName },
    org: manifest.org,
    manifestFile,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    versions: versions.map((v) => ({
      id: v.id,
      sha256: v.sha256,
      sizeBytes: v.sizeBytes,
      file: ARCHIVE_LAYOUT.configurationFile(v.sha256),
    })),
  }
  const form = new FormData()
  form.append('delivery', JSON.stringify(description))
  form.append('manifest', new Blob([new Uint8Array(manifestBytes)], { type: 'application/json' }), manifestFile)
  for (const [sha256, file] of files) {
    form.append(
      'configuration',
      await openAsBlob(join(record.folder, file), { type: 'application/json' }),
      ARCHIVE_LAYOUT.configurationFile(sha256),
    )
  }
  const serialised = new Response(form)
  const contentType = serialised.headers.get('content-type') ?? 'multipart/form-data'
  let size = 0
  try {
    await pipeline(
      Readable.fromWeb(serialised.body as WebReadableStream<Uint8Array>),
      capBytes(MAX_DELIVERY_BYTES, (_chunk, total) => (size = total)),
      createWriteStream(target, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    )
  } catch (error) {
    if (error instanceof AppError && error.code === 'response_too_large') throw tooLarge()
    throw archiveFileError(
      `The copy could not be put together (${codeOf(error)}).`,
      'Check the archive folder and the data folder, then send again.',
    )
  }
  return { path: target, size, contentType, files: files.size }
}

function assertManifestHolds(manifest: FlowArchiveManifest, record: DeliveryRecord): void {
  if (manifest.flow.id !== record.flowId)
    throw archiveFileError(`The manifest for flow ${record.flowId} names another flow (${manifest.flow.id}).`, VERIFY_HINT)
  const listed = new Map(manifest.versions.map((v) => [v.id, v.sha256]))
  for (const version of record.versions) {
    if (listed.get(version.id) !== version.sha256)
      throw archiveFileError(`The manifest no longer lists version ${version.id} with the content it was archived with.`, VERIFY_HINT)
  }
}

async function assertFileHolds(path: string, sha256: string, sizeBytes: number): Promise<void> {
  const hash = createHash('sha256')
  let bytes = 0
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
    }
  } catch (error) {
    throw archiveFileError(`The archived file ${path} cannot be read (${codeOf(error)}).`, VERIFY_HINT)
  }
  if (bytes !== sizeBytes || hash.digest('hex') !== sha256)
    throw archiveFileError(`The archived file ${path} changed since it was archived: its SHA-256 no longer matches.`, VERIFY_HINT)
}

function tooLarge(): AppError {
  return new AppError({
    code: 'response_too_large',
    message: `This run's copy is larger than ${formatBytes(MAX_DELIVERY_BYTES)}, more than one delivery may carry.`,
    hint: 'Archive fewer versions per run (a smaller retention policy), then send again.',
  })
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error'
}
