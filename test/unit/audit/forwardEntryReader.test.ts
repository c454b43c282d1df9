/**
 * The forwarding reader on a real audit log: entries archived before they were forwarded are read back
 * from their gzip files, in seq order, once, in batches that go on where the last one ended; only seqs
 * that exist nowhere any more are reported as skipped, with the range and what to do.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditLog } from '../../../src/main/core/audit'
import type { ArchivedSegment } from '../../../src/main/core/audit/auditArchive'
import { EntryReader } from '../../../src/main/core/auditForwarding/entryReader'
import type { ForwardEntry } from '../../../src/main/core/auditForwarding/forwardEntry'
import { makeTempDir, openLogWith, readLines, removeDir, sampleInput } from './auditTestKit'

let dir = ''
let log: AuditLog | undefined
let reader: EntryReader | undefined

afterEach(async () => {
  reader?.close()
  await log?.close()
  await removeDir(dir)
})

/** 3 segments of 10 archived, one closed live segment and the active one. */
async function archivedLog(): Promise<{ archived: ArchivedSegment[]; head: number }> {
  dir = await makeTempDir('sb-forward-reader-')
  log = await openLogWith(dir, 10)
  for (let round = 0; round < 4; round++) {
    await log.rotate()
    for (let i = 0; i < 10; i++) log.append(sampleInput(100 + round * 10 + i))
    await log.flush()
  }
  await log.rotate()
  const archived = await log.archive({ keepClosedSegments: 1 })
  log.append(sampleInput(200))
  await log.flush()
  return { archived, head: (await log.tail(1))[0].seq }
}

/** Every line of the log as written: archived (unpacked) then live, by seq. */
async function allLines(): Promise<Map<number, string>> {
  const texts: string[] = []
  const index = (await readFile(join(dir, 'archive', 'archive.jsonl'), 'utf8')).trim().split('\n')
  for (const record of index.map((l) => JSON.parse(l) as ArchivedSegment))
    texts.push(
      ...gunzipSync(await readFile(join(dir, 'archive', record.file)))
        .toString('utf8')
        .trim()
        .split('\n'),
    )
  for (const name of (await readdir(dir)).filter((n) => /^audit(\.\d+)?\.jsonl$/.test(n)).sort())
    texts.push(...(await readLines(join(dir, name))))
  return new Map(texts.map((line) => [JSON.parse(line).seq as number, line]))
}

async function readAll(r: EntryReader, afterSeq: number): Promise<{ entries: ForwardEntry[]; skipped: unknown[] }> {
  const entries: ForwardEntry[] = []
  const skipped: unknown[] = []
  let after = afterSeq
  for (let i = 0; i < 1000; i++) {
    const batch = await r.readAfter(after)
    if (batch.skipped) {
      skipped.push(batch.skipped)
      after = Math.max(after, batch.skipped.toSeq)
    }
    if (batch.entries.length === 0) break
    entries.push(...batch.entries)
    after = batch.entries.at(-1)!.seq
  }
  return { entries, skipped }
}

describe('forwarding reader across the archive', () => {
  it('reads archived entries back from gzip, then the live ones: every seq once, in order, as written', async () => {
    const { archived, head } = await archivedLog()
    expect(archived.length).toBeGreaterThanOrEqual(3)
    reader = new EntryReader(dir, { maxEntries: 7, maxBytes: 1024 * 1024 })
    const { entries, skipped } = await readAll(reader, 0)
    expect(skipped).toEqual([])
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1))
    const lines = await allLines()
    for (const entry of entries) expect(entry.line).toBe(lines.get(entry.seq))
    // From the middle of an archived segment, and back to an earlier seq (a resend from the cursor).
    const middle = archived[1].firstSeq + 3
    expect((await reader.readAfter(middle)).entries[0].seq).toBe(middle + 1)
    expect((await reader.readAfter(2)).entries.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8, 9])
  })

  it('reports only an archive file removed by the admin as skipped, with its range, file and a hint', async () => {
    const { archived, head } = await archivedLog()
    await rm(join(dir, 'archive', archived[1].file))
    reader = new EntryReader(dir, { maxEntries: 5, maxBytes: 1024 * 1024 })
    const { entries, skipped } = await readAll(reader, 0)
    expect(skipped).toEqual([
      {
        fromSeq: archived[1].firstSeq,
        toSeq: archived[1].lastSeq,
        reason: expect.stringContaining(`archive/${archived[1].file}`),
        hint: expect.stringContaining(`seq ${archived[1].lastSeq + 1}`),
      },
    ])
    const expected = Array.from({ length: head }, (_, i) => i + 1).filter((s) => s < archived[1].firstSeq || s > archived[1].lastSeq)
    expect(entries.map((e) => e.seq)).toEqual(expected)
  })

  it('reports seqs older than anything on disk (archive folder removed) as not in the log', async () => {
    const { archived } = await archivedLog()
    await rm(join(dir, 'archive'), { recursive: true })
    reader = new EntryReader(dir)
    const batch = await reader.readAfter(0)
    const firstLive = archived.at(-1)!.lastSeq + 1
    expect(batch.skipped).toMatchObject({
      fromSeq: 1,
      toSeq: firstLive - 1,
      reason: expect.stringMatching(/neither in the audit log nor in its archive/),
    })
    expect(batch.entries[0].seq).toBe(firstLive)
  })

  it('fails with the file and a hint on a damaged archive, after sending what came before the damage', async () => {
    const { archived } = await archivedLog()
    const path = join(dir, 'archive', archived[0].file)
    const gz = await readFile(path)
    await writeFile(path, gz.subarray(0, Math.floor(gz.length / 2)))
    reader = new EntryReader(dir)
    const first = await reader.readAfter(0).catch((error: Error) => error)
    const error =
      first instanceof Error
        ? first
        : await reader.readAfter(first.entries.at(-1)!.seq).then(
            () => undefined,
            (e: Error) => e,
          )
    expect(error?.message).toContain(`archive/${archived[0].file}`)
    expect((error as { hint?: string }).hint).toMatch(/Restore .* from a backup/)
  })
})
