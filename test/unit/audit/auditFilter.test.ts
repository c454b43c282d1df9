import { describe, expect, it } from 'vitest'
import { actionMatches, normalizeActionQuery } from '../../../src/main/core/audit/actionMatch'
import { compileFilter } from '../../../src/main/core/audit/auditFilter'
import { serializeAuditEntry } from '../../../src/main/core/audit/auditLine'
import type { AuditEntry } from '../../../src/shared/api'

const entry = (action: string): AuditEntry => ({
  seq: 7,
  time: '2025-01-01T09:00:00.000Z',
  profile: 'Sandbox',
  org: 'Sandbox Org',
  action,
  target: 'call #3.wav',
  outcome: 'ok',
  detail: { action: 'decoy.words' },
  prev: '0'.repeat(64),
})

/** Runs the compiled filter on the exact bytes of the entry's line, as the query engine does. */
function passes(filter: Parameters<typeof compileFilter>[0], action: string): boolean {
  const line = Buffer.from(serializeAuditEntry(entry(action)))
  return compileFilter(filter).test(line, 0, line.length)
}

describe('action filter: prefix and word matching', () => {
  const action = 'recording.upload.refused'
  it.each([
    ['the whole action', 'recording.upload.refused'],
    ['a prefix of the action', 'recording.upload'],
    ['a short prefix', 'rec'],
    ['one of its words', 'refused'],
    ['the start of a word', 'refu'],
    ['words from the middle on', 'upload.refused'],
    ['any case, spaces around', '  Upload.REF '],
  ])('finds it by %s ("%s")', (_how, query) => {
    expect(passes({ action: query }, action)).toBe(true)
  })

  it.each([
    ['a piece from inside a word', 'load'],
    ['words out of order', 'refused.upload'],
    ['another action', 'recording.upload.cancelled'],
    ['a word only the detail holds', 'decoy'],
  ])('does not find it by %s ("%s")', (_how, query) => {
    expect(passes({ action: query }, action)).toBe(false)
  })

  it('treats underscores as word breaks too', () => {
    expect(actionMatches('audit.unclean_stop', normalizeActionQuery('stop')!)).toBe(true)
    expect(passes({ action: 'stop' }, 'audit.unclean_stop')).toBe(true)
  })

  it('reads escaped quotes in an action without losing the match', () => {
    expect(passes({ action: 'odd' }, 'custom."odd".name')).toBe(false)
    expect(passes({ action: '"odd"' }, 'custom."odd".name')).toBe(true)
  })
})

describe('workflow steps only', () => {
  it('leaves out api.call and api.intent lines and keeps every other step', () => {
    expect(passes({ hideApiCalls: true }, 'api.call')).toBe(false)
    expect(passes({ hideApiCalls: true }, 'api.intent')).toBe(false)
    expect(passes({ hideApiCalls: true }, 'recording.upload.refused')).toBe(true)
    expect(passes({ hideApiCalls: true }, 'connection.test')).toBe(true)
    expect(compileFilter({ hideApiCalls: true }).isEmpty).toBe(false)
  })
})

describe('time range', () => {
  it('refuses an Until before From with a plain message and a hint, instead of matching nothing', () => {
    const attempt = () => compileFilter({ from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' })
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_input', message: 'The “Until” time is before the “From” time.' }))
    expect(attempt).toThrow(expect.objectContaining({ hint: expect.stringMatching(/after “From”/) }))
  })

  it('refuses an empty range (Until equal to From), accepts a range in order', () => {
    expect(() => compileFilter({ from: '2025-01-01T09:00:00Z', to: '2025-01-01T09:00:00.000Z' })).toThrow(/same as the “From”/)
    expect(passes({ from: '2025-01-01T08:00:00Z', to: '2025-01-01T10:00:00Z' }, 'x')).toBe(true)
  })
})
