import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GENESIS_HASH, openAuditLog } from '../../../src/main/core/audit'
import { makeTempDir, readLines, removeDir, sampleInput, steadyClock } from './auditTestKit'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('audit log hash chain', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('writes one JSON line per entry, each carrying the SHA-256 of the previous line', async () => {
    const log = await openAuditLog({ dir, now: steadyClock() })
    const returned = [1, 2, 3, 4].map((i) => log.append(sampleInput(i)))
    await log.close()

    const lines = await readLines(log.path)
    expect(lines).toHaveLength(4)
    const parsed = lines.map((l) => JSON.parse(l))
    expect(parsed.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(parsed[0].prev).toBe(GENESIS_HASH)
    for (let i = 1; i < lines.length; i++) expect(parsed[i].prev).toBe(sha256(lines[i - 1]))
    expect(parsed).toEqual(returned)
    expect(Object.keys(parsed[0])).toEqual([
      'seq',
      'time',
      'profile',
      'org',
      'action',
      'target',
      'outcome',
      'latencyMs',
      'correlationId',
      'detail',
      'prev',
    ])
    expect(parsed[0]).toMatchObject({
      profile: 'sandbox',
      org: 'Sandbox Org',
      action: 'api.GET',
      target: '/api/v2/things/1',
      latencyMs: 11,
      correlationId: 'corr-1',
    })
  })

  it('continues the chain after a reopen', async () => {
    const first = await openAuditLog({ dir, now: steadyClock() })
    first.append(sampleInput(1))
    first.append(sampleInput(2))
    await first.close()
    const second = await openAuditLog({ dir, now: steadyClock() })
    expect(second.startupReport).toEqual({})
    const next = second.append(sampleInput(3))
    await second.close()

    const lines = await readLines(second.path)
    expect(next.seq).toBe(3)
    expect(next.prev).toBe(sha256(lines[1]))
    const reopened = await openAuditLog({ dir })
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 3, headHash: sha256(lines[2]) })
    await reopened.close()
  })

  it('verify reports an intact log and its head hash', async () => {
    const log = await openAuditLog({ dir, now: steadyClock() })
    for (let i = 1; i <= 50; i++) log.append(sampleInput(i))
    const result = await log.verify()
    const lines = await readLines(log.path)
    expect(result).toMatchObject({ ok: true, entries: 50, headHash: sha256(lines[49]) })
    expect(result.head?.problem).toBeUndefined()
    await log.close()
  })

  it('tail returns the newest entries first, including ones not yet flushed', async () => {
    const log = await openAuditLog({ dir, now: steadyClock() })
    for (let i = 1; i <= 30; i++) log.append(sampleInput(i))
    const tail = await log.tail(5)
    expect(tail.map((e) => e.seq)).toEqual([30, 29, 28, 27, 26])
    expect((await log.tail(100)).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i))
    await log.close()
  })

  it('onAppend tells listeners about each entry, and stops after unsubscribe', async () => {
    const log = await openAuditLog({ dir, now: steadyClock() })
    const seen: number[] = []
    const off = log.onAppend((e) => seen.push(e.seq))
    log.append(sampleInput(1))
    log.append(sampleInput(2))
    off()
    log.append(sampleInput(3))
    expect(seen).toEqual([1, 2])
    await log.close()
  })

  it('refuses appends after close and rejects malformed input', async () => {
    const log = await openAuditLog({ dir })
    expect(() => log.append({ ...sampleInput(1), outcome: 'maybe' as never })).toThrow(/outcome/)
    expect(() => log.append({ ...sampleInput(1), latencyMs: -5 })).toThrow()
    await log.close()
    expect(() => log.append(sampleInput(1))).toThrow(/closed/)
    expect(await readFile(log.path, 'utf8')).toBe('')
  })
})
