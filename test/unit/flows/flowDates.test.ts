import { describe, expect, it } from 'vitest'
import { normaliseFlowDate, rawFlowDate } from '../../../src/main/core/flows/browse/flowDates'
import { toVersionRow } from '../../../src/main/core/flows/browse/flowRows'

const MS = Date.parse('2026-10-01T09:30:00.000Z')

describe('normaliseFlowDate', () => {
  it('takes epoch milliseconds as a number or as digits, and date strings, giving ISO 8601 UTC', () => {
    expect(normaliseFlowDate(MS)).toBe('2026-10-01T09:30:00.000Z')
    expect(normaliseFlowDate(String(MS))).toBe('2026-10-01T09:30:00.000Z')
    expect(normaliseFlowDate('2026-10-01T09:30:00.000Z')).toBe('2026-10-01T09:30:00.000Z')
    expect(normaliseFlowDate('2026-10-01T11:30:00+02:00')).toBe('2026-10-01T09:30:00.000Z')
  })

  it('gives nothing for what is not a date', () => {
    for (const value of [undefined, null, '', '  ', 'soon', Number.NaN, Infinity, {}, 8.64e16])
      expect(normaliseFlowDate(value)).toBeUndefined()
  })

  it('keeps the raw value as text', () => {
    expect(rawFlowDate(MS)).toBe(String(MS))
    expect(rawFlowDate(' 2026-10-01T09:30:00.000Z ')).toBe('2026-10-01T09:30:00.000Z')
    expect(rawFlowDate(undefined)).toBeUndefined()
  })
})

describe('toVersionRow', () => {
  it('normalises every date whichever kind it came as, and places the version at its publish date', () => {
    const row = toVersionRow(
      {
        id: 'v1',
        name: '3.0',
        type: 'PUBLISH',
        commitVersion: 3,
        createdBy: { id: 'u1' },
        dateCreated: MS - 3000,
        dateCheckedIn: String(MS - 2000),
        dateSaved: new Date(MS - 1000).toISOString(),
        datePublished: MS,
      },
      'Dana Whitfield',
    )
    expect(row).toEqual({
      id: 'v1',
      name: '3.0',
      commitVersion: '3',
      type: 'PUBLISH',
      createdBy: { id: 'u1', name: 'Dana Whitfield' },
      dateCreated: '2026-10-01T09:29:57.000Z',
      dateCheckedIn: '2026-10-01T09:29:58.000Z',
      dateSaved: '2026-10-01T09:29:59.000Z',
      datePublished: '2026-10-01T09:30:00.000Z',
      when: '2026-10-01T09:30:00.000Z',
    })
  })

  it('keeps an unknown version type raw, prefers the name the platform sent, and falls back to the saved date', () => {
    const row = toVersionRow({ id: 'v2', type: 'AUTOSAVE', createdBy: { id: 'u2', name: 'Sent Name' }, dateSaved: MS }, 'Looked Up')
    expect(row).toMatchObject({
      name: 'v2',
      type: 'AUTOSAVE',
      createdBy: { id: 'u2', name: 'Sent Name' },
      when: '2026-10-01T09:30:00.000Z',
    })
  })
})
