import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../src/shared/api'
import { openAuditLog, type AuditFilter, type AuditLog } from '../../../src/main/core/audit'
import { searchableText } from '../../../src/main/core/audit/auditFilter'
import { makeTempDir, removeDir, steadyClock, variedInputs } from './auditTestKit'

/** The action rule in its plainest form: the query starts the action or one of its dot/underscore words. */
function actionRule(action: string, query: string): boolean {
  const a = action.toLowerCase()
  const wordStarts = [0, ...[...a.matchAll(/[._]/g)].map((m) => m.index + 1)]
  return wordStarts.some((i) => a.startsWith(query.trim().toLowerCase(), i))
}

/** The plain way to filter: parse every entry and test it. The engine must agree with it. */
function reference(entries: AuditEntry[], f: AuditFilter): AuditEntry[] {
  const outcomes = f.outcome === undefined ? undefined : ([] as string[]).concat(f.outcome)
  return entries
    .filter((e) => (f.from ? e.time >= new Date(f.from).toISOString() : true))
    .filter((e) => (f.to ? e.time < new Date(f.to).toISOString() : true))
    .filter((e) => (f.action ? actionRule(e.action, f.action) : true))
    .filter((e) => (f.hideApiCalls ? e.action !== 'api.call' && e.action !== 'api.intent' : true))
    .filter((e) => (f.org ? e.org === f.org : true))
    .filter((e) => (f.profile ? e.profile === f.profile : true))
    .filter((e) => (outcomes ? outcomes.includes(e.outcome) : true))
    .filter((e) => (f.text ? searchableText(e).includes(f.text.toLowerCase()) : true))
    .reverse()
}

describe('audit query', () => {
  let dir: string
  let log: AuditLog
  let all: AuditEntry[]
  beforeAll(async () => {
    dir = await makeTempDir()
    // Small segments, so every query crosses several files.
    log = await openAuditLog({ dir, now: steadyClock(), maxSegmentBytes: 64 * 1024, flushIntervalMs: 60_000 })
    all = []
    for (const [i, input] of variedInputs(2000).entries()) {
      all.push(log.append(input))
      if (i % 200 === 199) await log.flush()
    }
    await log.flush()
    all = [...(await log.tail(10_000))].reverse() // includes the log's own rotate entries
  })
  afterAll(async () => {
    await log.close()
    await removeDir(dir)
  })

  it('spans several segments', async () => {
    const segments = await log.segments()
    expect(segments.filter((s) => s.state === 'closed').length).toBeGreaterThan(3)
  })

  const filters: [string, AuditFilter][] = [
    ['no filter', {}],
    ['action', { action: 'uploads.upload' }],
    ['action named in detail too', { action: 'api.call' }],
    ['action prefix', { action: 'uploads' }],
    ['action word', { action: 'upload' }],
    ['action word prefix, any case', { action: 'VERIF' }],
    ['workflow steps only', { hideApiCalls: true }],
    ['workflow steps only, with an action', { hideApiCalls: true, action: 'call' }],
    ['org with comma', { org: 'Acme, Inc.' }],
    ['org with quotes', { org: 'Globex "Support"' }],
    ['profile, non-ASCII', { profile: 'Größe Org' }],
    ['one outcome', { outcome: 'error' }],
    ['several outcomes', { outcome: ['retry', 'cancelled'] }],
    ['time range', { from: '2025-01-01T09:05:00Z', to: '2025-01-01T09:20:00.000Z' }],
    ['text in target', { text: 'recording-19' }],
    ['text, any case', { text: 'RECORDING-1' }],
    ['text with a quote', { text: '"quotes"' }],
    ['text with a comma', { text: 'with, comma' }],
    ['text, non-ASCII', { text: 'größe 日本' }],
    ['text as detail key=value', { text: 'status=429' }],
    ['text in correlation id', { text: 'corr-150' }],
    ['text that only a key name has', { text: 'latencyMs' }],
    ['everything at once', { action: 'uploads.upload', outcome: ['ok', 'error'], text: 'recording', from: '2025-01-01T09:01:00Z' }],
  ]

  it.each(filters)('%s: same entries and total as parsing every line', async (_name, filter) => {
    const expected = reference(all, filter)
    const page = await log.query({ filter, limit: 1000 })
    // A first page that stopped before the end leaves the total to count().
    const total = page.totalPending ? (await log.count({ filter, untilSeq: page.headSeq })).total : page.total
    // (Without a filter the total is known at once.)
    expect(page.totalPending === true).toBe(Object.keys(filter).length > 0 && expected.length > 1000)
    expect(total).toBe(expected.length)
    expect(page.entries).toEqual(expected.slice(0, 1000))
  })

  it('pages newest first with offset and limit', async () => {
    const expected = reference(all, { action: 'flows.archive' })
    const seen: AuditEntry[] = []
    for (let offset = 0; offset < expected.length; offset += 37) {
      const page = await log.query({ filter: { action: 'flows.archive' }, offset, limit: 37 })
      expect(page.offset).toBe(offset)
      seen.push(...page.entries)
    }
    expect(seen).toEqual(expected)
    expect((await log.query({ filter: { action: 'flows.archive' }, offset: expected.length, limit: 10 })).entries).toEqual([])
  })

  it('untilSeq keeps positions stable while new entries arrive, and new ones show without it', async () => {
    const first = await log.query({ limit: 10 })
    const added = log.append({ profile: 'Sandbox', org: 'Sandbox Org', action: 'uploads.upload', target: 'late.wav', outcome: 'ok' })
    const pinned = await log.query({ offset: 0, limit: 10, untilSeq: first.headSeq })
    expect(pinned.entries).toEqual(first.entries)
    expect(pinned.total).toBe(first.total)
    const fresh = await log.query({ limit: 1, filter: { action: 'uploads.upload' } })
    expect(fresh.entries[0]).toEqual(added)
    all.push(added)
  })

  it('a search with another filter cancels the unfinished count; asked again, it counts to the end', async () => {
    const counting = expect(log.count({ filter: { action: 'uploads' } })).rejects.toMatchObject({ code: 'cancelled' })
    const other = await log.query({ filter: { action: 'privacy' }, limit: 10 })
    expect(other.entries.length).toBe(10)
    await counting
    expect((await log.count({ filter: { action: 'uploads' } })).total).toBe(reference(all, { action: 'uploads' }).length)
  })

  it('refuses a malformed time with a plain message', async () => {
    await expect(log.query({ filter: { from: 'yesterday-ish' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a date/),
    })
  })
})

describe('first page before the index exists', () => {
  it('is read from the end of the log and agrees with the indexed pages', async () => {
    const dir = await makeTempDir()
    try {
      const writer = await openAuditLog({ dir, now: steadyClock(), maxSegmentBytes: 32 * 1024 })
      for (const input of variedInputs(600, 3)) writer.append(input)
      await writer.close()

      const log = await openAuditLog({ dir })
      const quick = await log.query({ offset: 5, limit: 20 })
      const indexed = await log.query({ offset: 5, limit: 20 })
      const everything = await log.query({ limit: 1000 })
      expect(quick).toEqual(indexed)
      expect(quick.total).toBe(everything.entries.length)
      expect(quick.entries[0].seq).toBe(everything.entries[5].seq)
      await log.close()
    } finally {
      await removeDir(dir)
    }
  })
})
