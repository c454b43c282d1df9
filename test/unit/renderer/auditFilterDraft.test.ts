import { describe, expect, it } from 'vitest'
import { EMPTY_DRAFT, filterKey, isFiltering, localToIso, toAuditFilter } from '../../../src/renderer/src/features/audit/auditWorkspace'
import { percent } from '../../../src/renderer/src/features/audit/auditWords'
import { formatBytes } from '../../../src/shared/format'
import { AuditFilterSchema } from '../../../src/shared/contract/audit'

describe('the audit filter bar', () => {
  it('sends only the fields the admin filled in, trimmed, as a filter the contract accepts', () => {
    expect(toAuditFilter(EMPTY_DRAFT)).toEqual({})
    expect(isFiltering(EMPTY_DRAFT)).toBe(false)
    const filter = toAuditFilter({ ...EMPTY_DRAFT, action: ' api.call ', text: '  me ', outcome: 'error', org: 'Acme' })
    expect(filter).toEqual({ action: 'api.call', text: 'me', outcome: 'error', org: 'Acme' })
    expect(AuditFilterSchema.parse(filter)).toEqual(filter)
    expect(isFiltering({ ...EMPTY_DRAFT, text: '   ' })).toBe(false)
  })

  it('turns local date-times into ISO times and ignores what is not a date', () => {
    const iso = localToIso('2025-01-31T09:00:05')
    expect(iso).toBe(new Date('2025-01-31T09:00:05').toISOString())
    expect(toAuditFilter({ ...EMPTY_DRAFT, from: '2025-01-31T09:00', to: 'nonsense' })).toEqual({
      from: new Date('2025-01-31T09:00').toISOString(),
    })
    expect(localToIso('')).toBeUndefined()
  })

  it('keys filters by content, not by the order of their fields', () => {
    expect(filterKey({ action: 'a', text: 'b' })).toBe(filterKey({ text: 'b', action: 'a' }))
    expect(filterKey({ action: 'a' })).not.toBe(filterKey({ action: 'b' }))
  })
})

describe('audit words', () => {
  it('says sizes and rates briefly', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB')
    expect(formatBytes(270 * 1024 * 1024)).toBe('270 MB')
    expect(percent(null)).toBe('—')
    expect(percent(1)).toBe('100 %')
    expect(percent(0.9876)).toBe('98.8 %')
  })
})
