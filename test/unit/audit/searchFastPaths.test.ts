import { describe, expect, it } from 'vitest'
import { compileFilter, type AuditFilter } from '../../../src/main/core/audit/auditFilter'
import { AuditEntrySchema, parseAuditLine, serializeAuditEntry } from '../../../src/main/core/audit/auditLine'
import { matchRegion, matchRegionBackward } from '../../../src/main/core/audit/matchScanner'
import type { AuditEntry } from '../../../src/shared/api'

const PREV = 'ab'.repeat(32)
const ORGS = ['Sandbox Org', 'Acme Contact Centre', 'ACME, Inc.']
const ACTIONS = ['uploads.upload', 'api.call', 'Uploads.Upload.refused', 'schemas.update']

function entry(i: number): AuditEntry {
  return {
    seq: i + 1,
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    profile: i % 2 ? 'Production EU' : 'Sandbox',
    org: ORGS[i % 3],
    action: ACTIONS[i % 4],
    target: i % 5 === 0 ? 'acme "quoted" target' : `recording-${i}.wav`,
    outcome: i % 7 === 0 ? 'error' : 'ok',
    ...(i % 2 ? { latencyMs: i * 3 } : {}),
    ...(i % 3 ? { correlationId: `c-${i}` } : {}),
    ...(i % 4 ? { detail: { note: i % 8 === 1 ? 'ACME here' : 'x', n: i, ok: true, none: null } } : {}),
    prev: PREV,
  }
}

const region = Buffer.from(
  Array.from({ length: 200 }, (_, i) => serializeAuditEntry(entry(i)))
    .concat(['not json', '{"seq":5}'])
    .join('\n') + '\n',
)

function forward(filter: AuditFilter): number[] {
  const starts: number[] = []
  matchRegion(region, compileFilter(filter), (s) => {
    starts.push(s)
  })
  return starts
}

describe('backward matching: the same lines as forward, newest first', () => {
  it.each<[string, AuditFilter]>([
    ['no filter (every line)', {}],
    ['a byte needle (org)', { org: 'Acme Contact Centre' }],
    ['a byte needle (one outcome)', { outcome: 'error' }],
    ['a case-insensitive literal (action and text)', { action: 'uploads.upload', text: 'acme' }],
    ['free text only', { text: 'ACME' }],
    ['a time range (no jump)', { from: '2025-01-01T00:00:30Z', to: '2025-01-01T00:01:40Z' }],
  ])('%s', (_name, filter) => {
    const expected = forward(filter).reverse()
    expect(expected.length).toBeGreaterThan(0)
    const backward: number[] = []
    expect(
      matchRegionBackward(region, compileFilter(filter), (s, e) => {
        backward.push(s)
        expect(region[e]).toBe(10)
      }),
    ).toBe(false)
    expect(backward).toEqual(expected)
  })

  it('stops when told to, after the newest matches only', () => {
    const filter = { action: 'uploads.upload', text: 'acme' }
    const seen: number[] = []
    expect(matchRegionBackward(region, compileFilter(filter), (s) => seen.push(s) < 3)).toBe(true)
    expect(seen).toEqual(forward(filter).reverse().slice(0, 3))
  })
})

describe('page entries: the direct checks agree with the schema', () => {
  const lines = [
    ...Array.from({ length: 24 }, (_, i) => serializeAuditEntry(entry(i))),
    // Valid, but not in the direct checks' shape: the schema decides.
    '{"prev":"' + PREV + '","seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok"}',
    // Not entries.
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"maybe","prev":"' + PREV + '"}',
    '{"seq":0,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","prev":"' + PREV + '"}',
    '{"seq":1.5,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","prev":"AB' + PREV.slice(2) + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","detail":{"a":[1]},"prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","detail":[],"prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":7,"outcome":"ok","prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","outcome":"ok","prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","extra":1,"prev":"' + PREV + '"}',
    '{"seq":3,"time":"t","profile":"p","org":"o","action":"a","target":"x","outcome":"ok","__proto__":{"x":1},"prev":"' + PREV + '"}',
    '[1,2]',
    'null',
    '{"seq":3,',
  ]
  it.each(lines.map((line) => [line]))('%s', (line) => {
    expect(parseAuditLine(line)).toEqual(schemaVerdict(line))
  })

  it('takes the canonical lines without the schema, as they are', () => {
    const line = serializeAuditEntry(entry(9))
    expect(parseAuditLine(line)).toEqual(entry(9))
  })
})

/** What AuditEntrySchema alone says of a line: the entry it returns, or undefined. */
function schemaVerdict(line: string): unknown {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return undefined
  }
  const parsed = AuditEntrySchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
