/**
 * Reads the entries after a seq straight from the audit log's files, a batch at a time, never the whole
 * log into memory, and never through the append path (forwarding cannot slow the app down). Entries
 * archived before they were forwarded are read back from their gzip files in archive/, so a long outage
 * across an archive loses nothing; only seqs that exist nowhere any more are reported as skipped.
 * Only whole, written lines are read: an entry still in the log's write queue is read on a later pump.
 * Remembers where the last batch ended (an offset in a live segment, an open stream into an archived
 * one), so reading on is not a scan from the segment's start.
 */
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { ForwardingSkipped } from '../../../shared/contract/auditForwarding'
import { AppError } from '../../../shared/errors'
import { ARCHIVE_DIR, readArchiveIndex } from '../audit/auditArchive'
import { readSeq } from '../audit/auditLine'
import { listSegments } from '../audit/auditFiles'
import { scanLines } from '../audit/lineScanner'
import { EntryBatch, type BatchLimits } from './entryBatch'
import type { ForwardEntry } from './forwardEntry'
import { GzipLines } from './gzipLines'
import { archiveFileMissing, joinSkipped, notInLog } from './skippedRange'

export interface ReadBatch {
  entries: ForwardEntry[]
  /** Seqs right after the one asked for that exist nowhere any more (the entries follow them). */
  skipped?: ForwardingSkipped
}

interface LiveSource {
  kind: 'live'
  name: string
  path: string
  firstSeq: number
}

interface ArchivedSource {
  kind: 'archive'
  name: string
  path: string
  file: string
  firstSeq: number
  lastSeq: number
}

type Source = LiveSource | ArchivedSource

interface Hint {
  path: string
  firstSeq: number
  /** File offset of the line holding nextSeq. */
  offset: number
  nextSeq: number
}

/** An archived segment part-read: the next batch goes on from here when it starts at or after nextSeq. */
interface OpenArchive {
  path: string
  lines: GzipLines
  nextSeq: number
}

/** A live segment vanished between the listing and the read (it was archived): list again. */
const MOVED = Symbol('moved')
const ATTEMPTS = 3

export class EntryReader {
  private hint: Hint | undefined
  private archive: OpenArchive | undefined

  constructor(
    private readonly dir: string,
    private readonly limits: BatchLimits = { maxEntries: 2000, maxBytes: 1024 * 1024 },
  ) {}

  async readAfter(afterSeq: number): Promise<ReadBatch> {
    for (let attempt = 1; ; attempt++) {
      const { batch, skipped, moved } = await this.tryRead(afterSeq)
      // Nothing read and the files moved under us: the archive index now lists what was live.
      if (moved && batch.entries.length === 0 && attempt < ATTEMPTS) continue
      return skipped ? { entries: batch.entries, skipped } : { entries: batch.entries }
    }
  }

  /** Closes an archived segment left open part-read. */
  close(): void {
    this.archive?.lines.close()
    this.archive = undefined
  }

  private async tryRead(afterSeq: number): Promise<{ batch: EntryBatch; skipped?: ForwardingSkipped; moved?: boolean }> {
    const batch = new EntryBatch(afterSeq, this.limits)
    const sources = await this.sources(afterSeq + 1)
    let skipped: ForwardingSkipped | undefined
    const skip = (range: ForwardingSkipped) => {
      skipped = skipped ? joinSkipped(skipped, range) : range
      batch.skipTo(range.toSeq)
    }
    const first = Math.max(
      0,
      sources.findLastIndex((s) => s.firstSeq <= batch.nextSeq),
    )
    for (const source of sources.slice(first)) {
      if (source.kind === 'archive' && source.lastSeq < batch.nextSeq) continue
      if (source.firstSeq > batch.nextSeq) {
        // A batch holds no gap: the entries before it go first, the next batch reports it.
        if (batch.entries.length > 0) break
        skip(notInLog(batch.nextSeq, source.firstSeq - 1))
      }
      if (source.kind === 'archive') {
        const read = await this.readArchived(source, batch)
        if (read === 'stop') break
        if (read === 'missing') {
          if (batch.entries.length > 0) break
          skip(archiveFileMissing(batch.nextSeq, source.lastSeq, source.file))
        }
      } else if ((await this.readLive(source, batch)) === MOVED) {
        return { batch, skipped, moved: true }
      }
      if (batch.full) break
    }
    return { batch, skipped }
  }

  /**
   * Live segments oldest first (the active file only when it holds a line), preceded by the archived
   * ones when the seq wanted is older than the oldest live entry. Listed before the archive index is
   * read: archiving records a segment in the index before it removes the live copy, so no segment falls
   * between the two looks (one in both is read from its live copy).
   */
  private async sources(wanted: number): Promise<Source[]> {
    const live: LiveSource[] = []
    for (const file of await listSegments(this.dir)) {
      const firstSeq = file.firstSeq ?? (await firstSeqOf(file.path))
      if (firstSeq !== undefined) live.push({ kind: 'live', name: file.name, path: file.path, firstSeq })
    }
    if (live.length > 0 && live[0].firstSeq <= wanted) return live
    const liveNames = new Set(live.map((s) => s.name))
    const archived: ArchivedSource[] = (await readArchiveIndex(this.dir))
      .filter((record) => !liveNames.has(record.name))
      .map((record) => ({
        kind: 'archive',
        name: record.name,
        path: join(this.dir, ARCHIVE_DIR, record.file),
        file: record.file,
        firstSeq: record.firstSeq,
        lastSeq: record.lastSeq,
      }))
    return [...archived, ...live].sort((a, b) => a.firstSeq - b.firstSeq)
  }

  private async readLive(segment: LiveSource, batch: EntryBatch): Promise<typeof MOVED | undefined> {
    const hint = this.hint
    const wanted = batch.nextSeq
    const start = hint && hint.path === segment.path && hint.firstSeq === segment.firstSeq && hint.nextSeq <= wanted ? hint.offset : 0
    let endOffset = start
    let moved = false
    const before = batch.entries.length
    await scanLines(segment.path, { start }, (buf, from, to, fileOffset) => {
      endOffset = fileOffset + (to - from) + 1
      return batch.take(buf, from, to, readSeq(buf, from, to))
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
      moved = true
    })
    const last = batch.entries.at(-1)
    if (last && batch.entries.length > before)
      this.hint = { path: segment.path, firstSeq: segment.firstSeq, offset: endOffset, nextSeq: last.seq + 1 }
    return moved ? MOVED : undefined
  }

  /**
   * Reads on in an archived segment; 'missing' when its gzip file is gone. A damaged file fails the
   * read, or ends the batch ('stop') when entries were read before the damage.
   */
  private async readArchived(source: ArchivedSource, batch: EntryBatch): Promise<'missing' | 'stop' | undefined> {
    let current = this.archive
    if (!current || current.path !== source.path || current.nextSeq > batch.nextSeq) {
      this.close()
      let lines: GzipLines
      try {
        lines = await GzipLines.open(source.path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
        throw archiveError(source, batch.nextSeq, error)
      }
      current = { path: source.path, lines, nextSeq: source.firstSeq }
      this.archive = current
    }
    const reading = current
    let ended: boolean
    try {
      ended = await reading.lines.each((buf, from, to) => {
        const seq = readSeq(buf, from, to)
        if (seq !== undefined && seq >= reading.nextSeq) reading.nextSeq = seq + 1
        return batch.take(buf, from, to, seq)
      })
    } catch (error) {
      if (this.archive === reading) this.close()
      // Send what was read before the damage; the next batch starts at it and fails there.
      if (batch.entries.length > 0) return 'stop'
      throw archiveError(source, batch.nextSeq, error)
    }
    if (ended && this.archive === reading) this.close()
    return undefined
  }
}

function archiveError(source: ArchivedSource, nextSeq: number, error: unknown): AppError {
  const why = error instanceof Error ? error.message : String(error)
  return new AppError({
    code: 'file',
    message: `The archived audit segment archive/${source.file} (seq ${source.firstSeq} to ${source.lastSeq}) cannot be read at seq ${nextSeq}: ${why}.`,
    hint: `Restore archive/${source.file} from a backup: forwarding retries from seq ${nextSeq}. To give up on its entries instead, remove the file; they are then reported as skipped.`,
  })
}

async function firstSeqOf(path: string): Promise<number | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return undefined
  }
  try {
    const buf = Buffer.alloc(32)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    const comma = buf.subarray(0, bytesRead).indexOf(44)
    return comma < 0 ? undefined : readSeq(buf, 0, bytesRead)
  } finally {
    await handle.close()
  }
}
