import { describe, expect, it } from 'vitest'
import { partToCsv, tabularParts } from '../../../src/main/core/privacy/csvCopy'
import { resultFileName } from '../../../src/main/core/privacy/saveResults'

describe('tabular parts of a result', () => {
  it('finds arrays of objects at the top and one level down, and nothing in scalars or mixed arrays', () => {
    const json = {
      requestId: 'r',
      interactions: [{ a: 1 }],
      subject: { name: 'x', tags: ['a', 'b'] },
      records: { notes: [{ n: 1 }], mixed: [{ a: 1 }, 2] },
    }
    expect(tabularParts(json).map((p) => p.name)).toEqual(['interactions', 'records.notes'])
    expect(tabularParts([{ a: 1 }, { b: 2 }]).map((p) => p.name)).toEqual(['rows'])
    expect(tabularParts([1, 2])).toEqual([])
    expect(tabularParts('text')).toEqual([])
  })

  it('writes one column per field seen, nested objects flattened, arrays as JSON, nulls empty', () => {
    const csv = partToCsv({
      name: 'x',
      rows: [
        { id: 1, participant: { name: 'A, B', address: null } },
        { id: 2, extra: [1, 2] },
      ],
    })
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(lines[0]).toBe('id,participant.name,participant.address,extra')
    expect(lines[1]).toBe('1,"A, B",,')
    expect(lines[2]).toBe('2,,,"[1,2]"')
  })

  it('defuses text a spreadsheet would run as a formula, phone numbers and negative numbers in text too', () => {
    const csv = partToCsv({
      name: 'x',
      rows: [{ phone: '+442079460123', name: '=HYPERLINK("http://x")', at: '@SUM(1)', minus: '-2', plus: '+cmd', count: -2 }],
    })
    const row = csv.trim().split('\n')[1]
    expect(row).toBe(`'+442079460123,"'=HYPERLINK(""http://x"")",'@SUM(1),'-2,'+cmd,-2`)
  })
})

describe('result file names', () => {
  it('take the link’s file name, made safe, or result-N.json', () => {
    expect(resultFileName('https://s3.example.com/bucket/abc/interactions.json?X-Amz-Signature=1', 1)).toBe('interactions.json')
    expect(resultFileName('https://s3.example.com/bucket/abc/my%20file', 2)).toBe('my_file.json')
    expect(resultFileName('https://s3.example.com/', 3)).toBe('result-3.json')
    expect(resultFileName('https://s3.example.com/..%2F..%2Fetc%2Fpasswd', 4)).toBe('result-4.json')
    expect(resultFileName('not a url', 5)).toBe('result-5.json')
  })
})
