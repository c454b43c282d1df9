import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../src/shared/api'
import { parseAuditLine, serializeAuditEntry } from '../../../src/main/core/audit'
import { readSeq, prevHashStart } from '../../../src/main/core/audit/auditLine'
import { fieldEquals } from '../../../src/main/core/audit/lineFields'
import { emptyWalkedLine, walkLine } from '../../../src/main/core/audit/lineWalker'
import { AWKWARD_TEXTS, seededRandom } from './auditTestKit'

function randomEntries(count: number): AuditEntry[] {
  const random = seededRandom(99)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  return Array.from({ length: count }, (_, i) => {
    const e: AuditEntry = {
      seq: i + 1,
      time: new Date(Date.UTC(2025, 0, 1) + i * 1234).toISOString(),
      profile: pick(AWKWARD_TEXTS),
      org: pick(AWKWARD_TEXTS),
      action: pick(AWKWARD_TEXTS),
      target: pick(AWKWARD_TEXTS),
      outcome: pick(['ok', 'error', 'retry'] as const),
      prev: 'ab'.repeat(32),
    }
    if (random() < 0.5) e.latencyMs = Math.floor(random() * 1e5) / 10
    if (random() < 0.5) e.correlationId = pick(AWKWARD_TEXTS)
    if (random() < 0.5)
      e.detail = { [pick(['action', 'org', 'correlationId', 'latencyMs', 'k'])]: pick(AWKWARD_TEXTS), n: i, b: false, z: null }
    return e
  })
}

describe('reading fields from line bytes agrees with JSON.parse', () => {
  const entries = randomEntries(500)

  it('for 500 entries full of awkward values', () => {
    for (const entry of entries) expectFieldsAgree(entry)
  })

  function expectFieldsAgree(entry: AuditEntry): void {
    const line = serializeAuditEntry(entry)
    const buf = Buffer.from(line)
    expect(parseAuditLine(line)).toEqual(entry)
    expect(readSeq(buf, 0, buf.length)).toBe(entry.seq)
    const p = prevHashStart(buf, 0, buf.length)
    expect(buf.toString('latin1', p, p + 64)).toBe(entry.prev)
    for (const field of ['profile', 'org', 'action', 'target', 'outcome'] as const) {
      expect(fieldEquals(buf, 0, buf.length, field, Buffer.from(JSON.stringify(entry[field])))).toBe(true)
      expect(fieldEquals(buf, 0, buf.length, field, Buffer.from(JSON.stringify(entry[field] + 'x')))).toBe(false)
    }
    if (entry.correlationId !== undefined)
      expect(fieldEquals(buf, 0, buf.length, 'correlationId', Buffer.from(JSON.stringify(entry.correlationId)))).toBe(true)
    const walked = emptyWalkedLine()
    expect(walkLine(buf, 0, buf.length, walked)).toBe(true)
    expect(walked).toMatchObject({
      seq: entry.seq,
      time: entry.time,
      profile: entry.profile,
      org: entry.org,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      latencyMs: entry.latencyMs,
      correlationId: entry.correlationId,
      prev: entry.prev,
    })
    expect(walked.detailJson === undefined ? undefined : JSON.parse(walked.detailJson)).toEqual(entry.detail)
  }

  it('rejects lines that are not canonical', () => {
    const walked = emptyWalkedLine()
    for (const text of ['', '{}', '{"seq":1}', JSON.stringify({ time: 'x', seq: 1 }), 'garbage'.repeat(20)]) {
      const buf = Buffer.from(text)
      expect(walkLine(buf, 0, buf.length, walked)).toBe(false)
      expect(readSeq(buf, 0, buf.length) === undefined || prevHashStart(buf, 0, buf.length) < 0).toBe(true)
    }
  })
})
