import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAuditLog } from '../../../src/main/core/audit'
import { ACTIVE_FILE } from '../../../src/main/core/audit/auditFiles'
import { csvRowFromLine, CSV_HEADER } from '../../../src/main/core/audit/csvFormat'
import { CsvRowWriter } from '../../../src/main/core/audit/csvRowWriter'
import { defuseFormula } from '../../../src/main/core/files/csvFormula'
import { partToCsv } from '../../../src/main/core/privacy/csvCopy'
import { makeTempDir, readLines, removeDir, steadyClock } from '../audit/auditTestKit'

/** Texts that start like a formula (OWASP's list), look-alikes of numbers and phone numbers, and harmless ones. */
const FORMULAS = [
  '=SUM(A1:A2)',
  '=HYPERLINK("http://x")',
  '+cmd',
  '+442079460123',
  '+1-2',
  '-2',
  '-1+1',
  '@SUM(1)',
  '\tTAB',
  '\rCR',
  '=a, b',
]
const HARMLESS = ['plain', 'a=b', "'quoted", ' =leading space', 'Größe 日本語', '1+1', 'with, comma']

const readCsv = (text: string): Record<string, string>[] => parseCsv(text, { bom: true, columns: true, relax_column_count: false })

let dir: string
let auditLines: string[]

beforeAll(async () => {
  dir = await makeTempDir('sb-csvformula-')
  const log = await openAuditLog({ dir, now: steadyClock() })
  for (const text of [...FORMULAS, ...HARMLESS])
    log.append({ profile: 'sandbox', org: 'Sandbox Org', action: 'test.csv', target: text, outcome: 'ok' })
  await log.flush()
  await log.close()
  auditLines = await readLines(join(dir, ACTIVE_FILE))
})
afterAll(() => removeDir(dir))

describe('one rule for formulas in every CSV Switchboard writes', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR, and to nothing else', () => {
    for (const text of FORMULAS) expect(defuseFormula(text)).toBe(`'${text}`)
    for (const text of HARMLESS) expect(defuseFormula(text)).toBe(text)
    expect(defuseFormula('')).toBe('')
  })

  it('the audit export (both its paths) and the privacy results copy defuse the same texts the same way', () => {
    const texts = [...FORMULAS, ...HARMLESS]
    const writer = new CsvRowWriter()
    let viaStrings = CSV_HEADER
    for (const line of auditLines) {
      const buf = Buffer.from(line)
      expect(writer.add(buf, 0, buf.length)).toBe(true)
      viaStrings += csvRowFromLine(buf, 0, buf.length)
    }
    const viaBytes = CSV_HEADER + writer.take().toString('utf8')
    const privacy = partToCsv({ name: 'rows', rows: texts.map((text) => ({ value: text })) })

    const expected = texts.map(defuseFormula)
    expect(readCsv(viaStrings).map((row) => row.target)).toEqual(expected)
    expect(readCsv(viaBytes).map((row) => row.target)).toEqual(expected)
    expect(readCsv(privacy).map((row) => row.value)).toEqual(expected)
  })

  it('leaves numbers in a privacy result as numbers', () => {
    expect(readCsv(partToCsv({ name: 'rows', rows: [{ n: -2, ok: true }] }))).toEqual([{ n: '-2', ok: 'true' }])
  })
})
