/**
 * Exports the entries that pass a filter, oldest first (archived segments first, in chain order), to a
 * file the user chose:
 * - jsonl: the log's own lines, byte for byte (so each line's hash and prev can still be checked);
 * - csv: see csvFormat.ts (its last column names the archive an entry comes from);
 * - bundle: a zip with entries.jsonl, manifest.json (counts, seq range, SHA-256 of entries.jsonl,
 *   the chain's head hash and the verify result at export time), manifest.sig (Ed25519 signature of
 *   manifest.json's exact bytes), public-key.pem and README.txt saying how to check all of it.
 */
import { rm } from 'node:fs/promises'
import { z } from 'zod'
import { ZipFile } from 'yazl'
import type { AuditVerifyResult } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { AuditExportSchema, type AuditExportRequest, type AuditExportResult, type AuditFilter } from '../../../shared/contract/audit'
import { compileFilter } from './auditFilter'
import { hashLine, prevHashStart, readSeq } from './auditLine'
import type { AuditSnapshot } from './auditSource'
import { headSignaturePayload, type BundleSigner } from './auditSigning'
import { AtomicFileWriter } from './atomicFileWriter'
import { CSV_BOM, CSV_HEADER } from './csvFormat'
import { CsvRowWriter } from './csvRowWriter'
import { readSegmentLines } from './search/byteSource'
import { searchSegmentsOf, type SearchSegment } from './search/searchSegment'
import { scanMatches } from './matchScanner'
import { bundleReadme } from './bundleReadme'
import { BUNDLE_FORMAT, type BundleManifest } from './bundleManifest'

export { BUNDLE_FORMAT, type BundleManifest }

export { AuditExportSchema, type AuditExportRequest, type AuditExportResult }

/** For running an export as a job: progress over the bytes of the log read, and cancellation. */
export interface ExportControl {
  signal?: AbortSignal
  onProgress?: (p: { doneBytes: number; totalBytes: number }) => void
}

export interface ExportDeps extends ExportControl {
  now: () => Date
  signer: () => Promise<BundleSigner>
  /** The verify result to record in a bundle (run before the snapshot was taken). */
  verified?: AuditVerifyResult
}

interface Written {
  entries: number
  /** Lines that passed the filter but are not well-formed entries (verify names them). */
  damaged: number
  firstSeq?: number
  lastSeq?: number
  firstPrev?: string
  lastHash?: string
}

/** How each matching line becomes output: appended to the writer's batch, or skipped as damaged. */
interface RowSink {
  add(buf: Buffer, start: number, end: number): boolean
  /** The rows that follow come from this archive file (undefined: from the live log). */
  fromArchive(archive: string | undefined): void
  /** True when the batch should be written now (a LineSink's views must be written before the next chunk is read). */
  ready(): boolean
  /** The batch so far, emptied; valid until the take() after next. */
  take(): Buffer
}

/** Raw lines with their newlines: views into the scan buffer, copied once per chunk. */
class LineSink implements RowSink {
  private views: Buffer[] = []
  add(buf: Buffer, start: number, end: number): boolean {
    this.views.push(buf.subarray(start, end + 1))
    return true
  }
  fromArchive(): void {}
  ready(): boolean {
    return true
  }
  take(): Buffer {
    const batch = Buffer.concat(this.views)
    this.views = []
    return batch
  }
}

/** Writes every matching line, oldest first, through `rows` into `sink`. */
async function forEachMatch(
  snapshot: AuditSnapshot,
  filter: AuditFilter | undefined,
  rows: RowSink,
  sink: AtomicFileWriter,
  control: ExportControl,
): Promise<Written> {
  const compiled = compileFilter(filter)
  const written: Written = { entries: 0, damaged: 0 }
  let lastSegment: SearchSegment | undefined
  let lastOffset = -1
  const segments = searchSegmentsOf(snapshot)
  const totalBytes = segments.reduce((sum, s) => sum + s.end, 0)
  let doneBefore = 0
  // One batch is written while the next is made; the one before must be written before taking again.
  let writing: Promise<void> = Promise.resolve()
  const writeBatch = async (offset: number) => {
    control.signal?.throwIfAborted()
    if (rows.ready()) {
      await writing
      writing = sink.writeBehind(rows.take())
    }
    control.onProgress?.({ doneBytes: doneBefore + offset, totalBytes })
  }
  for (const segment of segments) {
    rows.fromArchive(segment.archive)
    await scanMatches(
      segment,
      { start: 0, end: segment.end },
      compiled,
      (buf, s, e, offset) => {
        if (!rows.add(buf, s, e)) {
          written.damaged += 1
          return
        }
        if (written.entries === 0) {
          written.firstSeq = readSeq(buf, s, e)
          const p = prevHashStart(buf, s, e)
          if (p >= 0) written.firstPrev = buf.toString('latin1', p, p + 64)
        }
        written.entries += 1
        lastSegment = segment
        lastOffset = offset
      },
      writeBatch,
    )
    doneBefore += segment.end
  }
  await writing
  await sink.writeNow(rows.take())
  if (lastSegment && lastOffset >= 0) {
    const [line] = await readSegmentLines(lastSegment, [lastOffset])
    written.lastSeq = readSeq(Buffer.from(line), 0, Buffer.byteLength(line))
    written.lastHash = hashLine(line)
  }
  return written
}

export async function exportAudit(snapshot: AuditSnapshot, input: AuditExportRequest, deps: ExportDeps): Promise<AuditExportResult> {
  const request = AuditExportSchema.parse(input)
  if (request.format === 'bundle') return exportBundle(snapshot, request, deps)
  const writer = await AtomicFileWriter.create(request.path).catch((error: unknown) => {
    throw fileError(request.path, error)
  })
  try {
    let written: Written
    if (request.format === 'csv') {
      await writer.write(CSV_BOM + CSV_HEADER)
      written = await forEachMatch(snapshot, request.filter, new CsvRowWriter(), writer, deps)
    } else {
      written = await forEachMatch(snapshot, request.filter, new LineSink(), writer, deps)
    }
    const sha256 = await writer.finish()
    return {
      path: request.path,
      format: request.format,
      entries: written.entries,
      bytes: writer.bytes,
      sha256,
      firstSeq: written.firstSeq,
      lastSeq: written.lastSeq,
      damaged: written.damaged,
    }
  } catch (error) {
    await writer.abort()
    throw fileError(request.path, error)
  }
}

async function exportBundle(
  snapshot: AuditSnapshot,
  request: z.output<typeof AuditExportSchema>,
  deps: ExportDeps,
): Promise<AuditExportResult> {
  const signer = await deps.signer()
  const entriesPath = `${request.path}.entries.part`
  const entriesWriter = await AtomicFileWriter.create(entriesPath)
  let written: Written
  let entriesSha: string
  try {
    written = await forEachMatch(snapshot, request.filter, new LineSink(), entriesWriter, deps)
    entriesSha = await entriesWriter.finish()
  } catch (error) {
    await entriesWriter.abort()
    throw fileError(request.path, error)
  }
  try {
    const verified = deps.verified
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      createdAt: deps.now().toISOString(),
      filter: request.filter ?? {},
      entries: {
        file: 'entries.jsonl',
        count: written.entries,
        bytes: entriesWriter.bytes,
        sha256: entriesSha,
        firstSeq: written.firstSeq,
        lastSeq: written.lastSeq,
        firstPrev: written.firstPrev,
        lastHash: written.lastHash,
      },
      chain: {
        headSeq: snapshot.head.seq,
        headHash: snapshot.head.hash,
        verifiedAtExport: verified
          ? {
              ok: verified.ok,
              entries: verified.entries,
              ...(verified.firstBad ? { firstBad: verified.firstBad } : {}),
              ...(verified.head?.problem ? { headProblem: verified.head.problem } : {}),
            }
          : { ok: false, entries: 0 },
        headSignedBy: {
          publicKeyFile: 'public-key.pem',
          publicKeySha256: signer.fingerprint,
          keychain: signer.protection.keychain,
          headSignature: signer.sign(headSignaturePayload(snapshot.head)).toString('base64'),
        },
      },
      signature: { algorithm: 'Ed25519', file: 'manifest.sig', publicKeyFile: 'public-key.pem', publicKeySha256: signer.fingerprint },
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n')
    const zip = new ZipFile()
    zip.addFile(entriesPath, 'entries.jsonl')
    zip.addBuffer(manifestBytes, 'manifest.json')
    zip.addBuffer(signer.sign(manifestBytes), 'manifest.sig')
    zip.addBuffer(Buffer.from(signer.publicKeyPem), 'public-key.pem')
    zip.addBuffer(Buffer.from(bundleReadme(manifest)), 'README.txt')
    zip.end()
    const writer = await AtomicFileWriter.create(request.path)
    try {
      for await (const chunk of zip.outputStream) await writer.write(chunk as Buffer)
      const sha256 = await writer.finish()
      return {
        path: request.path,
        format: 'bundle',
        entries: written.entries,
        bytes: writer.bytes,
        sha256,
        firstSeq: written.firstSeq,
        lastSeq: written.lastSeq,
        damaged: written.damaged,
      }
    } catch (error) {
      await writer.abort()
      throw error
    }
  } catch (error) {
    throw fileError(request.path, error)
  } finally {
    await rm(entriesPath, { force: true })
  }
}

function fileError(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof Error && error.name === 'AbortError') {
    return new AppError({
      code: 'cancelled',
      message: `The export to ${path} was cancelled.`,
      hint: 'Nothing was written; export again when you need the file.',
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new AppError({
    code: 'file',
    message: `Could not export the audit log to ${path}: ${message}`,
    hint: 'Choose a folder you can write to, with enough free space, and export again.',
  })
}
