/**
 * Archiving moves closed segments out of the live log into archive/ as gzip files, and records for
 * each one, in archive/archive.jsonl, its seq range, line count, SHA-256 and the hash of its last
 * line. That last hash is where the live chain now starts, so verify still checks the link between
 * the archive and the first live line, and verify({ includeArchive: true }) re-checks every archived
 * line too. A crash part-way leaves either the live segment (archive not recorded) or both copies
 * (recorded, not yet deleted: the live copy is removed at the next start).
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { SegmentFile } from './auditFiles'
import { hashLine, readSeq } from './auditLine'
import { syncDirectory } from '../files/durableAppender'
import { scanLines, type LineCallback } from './lineScanner'
import { scanStreamLines } from './streamLines'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/privateFiles'

export const ARCHIVE_DIR = 'archive'
const INDEX_FILE = 'archive.jsonl'

const ArchivedSegmentSchema = z.object({
  name: z.string(),
  file: z.string(),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  lines: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  archivedAt: z.string(),
})
export type ArchivedSegment = z.infer<typeof ArchivedSegmentSchema>

export async function readArchiveIndex(auditDir: string): Promise<ArchivedSegment[]> {
  let text: string
  try {
    text = await readFile(join(auditDir, ARCHIVE_DIR, INDEX_FILE), 'utf8')
  } catch {
    return []
  }
  const lines = text.split('\n')
  const records: ArchivedSegment[] = []
  lines.forEach((line, i) => {
    if (line === '') return
    const parsed = ArchivedSegmentSchema.safeParse(safeJson(line))
    if (parsed.success) records.push(parsed.data)
    else if (i < lines.length - 1) {
      throw new AppError({
        code: 'file',
        message: `Line ${i + 1} of ${join(ARCHIVE_DIR, INDEX_FILE)} is damaged.`,
        hint: 'Restore the archive index from a backup; the archived segments themselves are unchanged.',
      })
    }
    // else: a torn last line from a crash while archiving; that segment is still live.
  })
  return records
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Compresses one closed segment into the archive, records it, then removes the live copy. */
export async function archiveSegment(auditDir: string, segment: SegmentFile & { firstSeq: number }, now: Date): Promise<ArchivedSegment> {
  const archiveDir = join(auditDir, ARCHIVE_DIR)
  await mkdir(archiveDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const summary = await summarize(segment.path)
  const file = `${segment.name}.gz`
  const temp = join(archiveDir, `${file}.tmp`)
  await pipeline(createReadStream(segment.path), createGzip(), createWriteStream(temp, { mode: PRIVATE_FILE_MODE }))
  await syncFile(temp)
  await rename(temp, join(archiveDir, file))
  await syncDirectory(archiveDir)
  const record: ArchivedSegment = { name: segment.name, file, firstSeq: segment.firstSeq, ...summary, archivedAt: now.toISOString() }
  const index = await open(join(archiveDir, INDEX_FILE), 'a', PRIVATE_FILE_MODE)
  try {
    await index.write(JSON.stringify(record) + '\n')
    await index.sync()
  } finally {
    await index.close()
  }
  await rm(segment.path)
  await syncDirectory(auditDir)
  return record
}

/** Removes live copies of segments the index says are archived (a crash between record and delete). */
export async function removeArchivedLiveCopies(
  auditDir: string,
  segments: SegmentFile[],
  archived: ArchivedSegment[],
): Promise<SegmentFile[]> {
  const done = new Set(archived.map((a) => a.name))
  const kept: SegmentFile[] = []
  for (const segment of segments) {
    const archivedCopy = join(auditDir, ARCHIVE_DIR, `${segment.name}.gz`)
    if (
      done.has(segment.name) &&
      (await stat(archivedCopy).then(
        () => true,
        () => false,
      ))
    )
      await rm(segment.path)
    else kept.push(segment)
  }
  return kept
}

/** Streams the lines of an archived segment. */
export async function scanArchivedLines(
  auditDir: string,
  record: ArchivedSegment,
  onLine: LineCallback,
): Promise<{ unterminated?: Buffer }> {
  const stream = createReadStream(join(auditDir, ARCHIVE_DIR, record.file)).pipe(createGunzip())
  return scanStreamLines(stream, onLine)
}

async function summarize(path: string): Promise<Pick<ArchivedSegment, 'lastSeq' | 'lastHash' | 'lines' | 'bytes' | 'sha256'>> {
  const fileHash = createHash('sha256')
  let lines = 0
  let last: { seq: number; hash: string } | undefined
  let bytes = 0
  await scanLines(path, {}, (buf, start, end) => {
    lines += 1
    fileHash.update(buf.subarray(start, end + 1)) // with its newline
    bytes += end + 1 - start
    const seq = readSeq(buf, start, end)
    if (seq !== undefined) last = { seq, hash: hashLine(buf.subarray(start, end)) }
  })
  if (!last) throw new AppError({ code: 'file', message: `The segment ${path} has no entries to archive.`, hint: 'Nothing was archived.' })
  return { lastSeq: last.seq, lastHash: last.hash, lines, bytes, sha256: fileHash.digest('hex') }
}

async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
