import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatTime, formatTimeWithSeconds } from '../../../src/renderer/src/ui/format'
import { identifierParts } from '../../../src/renderer/src/ui/identifierParts'

const RENDERER = join(process.cwd(), 'src/renderer/src')
const SHARED_FORMAT = 'ui/format.ts'

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path, pattern)
    return pattern.test(entry.name) ? [path] : []
  })
}

/** Every way a screen could make a date or number text of its own instead of using ui/format.ts. */
const OWN_FORMATTING = [
  /\.toLocale(String|DateString|TimeString)\s*\(/,
  /\bIntl\.DateTimeFormat\b/,
  /\.to(UTC|Date|Time|GMT)String\s*\(/,
  /\.get(UTC)?(FullYear|Month|Date|Hours|Minutes|Seconds)\s*\(/,
]

describe('one date and time format on every screen', () => {
  it('no renderer file outside ui/format.ts formats dates (or locale numbers) by itself', () => {
    const offenders = files(RENDERER, /\.(ts|tsx)$/)
      .filter((path) => relative(RENDERER, path) !== SHARED_FORMAT)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            OWN_FORMATTING.some((pattern) => pattern.test(line)) ? [`${relative(RENDERER, path)}:${i + 1}: ${line.trim()}`] : [],
          ),
      )
    expect(offenders).toEqual([])
  })

  it('shows one style: the same date and time, with seconds only when asked, and raw text when unreadable', () => {
    const iso = '2026-11-30T11:59:05.000Z'
    const withSeconds = formatTimeWithSeconds(iso)
    const plain = formatTime(iso)
    expect(withSeconds).not.toBe(plain)
    // The same date and time in the same style: only the seconds differ.
    expect(withSeconds.replace(/[:.]05(?=\D|$)/, '')).toBe(plain)
    expect(formatTime('not a time')).toBe('not a time')
    // It wraps only between the date and the clock time: inside each, spaces do not break.
    const breakable = plain.split(' ')
    expect(breakable.length).toBeLessThanOrEqual(3)
    expect(breakable.at(-1)).toMatch(/\d:\d\d/)
    expect(breakable[0]).toMatch(/\d/)
  })
})

describe('identifiers never break mid-word', () => {
  it('cuts ids, keys and action names only after their separators', () => {
    expect(identifierParts('recording.upload.intent')).toEqual(['recording.', 'upload.', 'intent'])
    expect(identifierParts('open_tickets_integer')).toEqual(['open_', 'tickets_', 'integer'])
    expect(identifierParts('board-meeting.wav')).toEqual(['board-', 'meeting.', 'wav'])
    expect(identifierParts('/tmp/exports/audit.csv')).toEqual(['/', 'tmp/', 'exports/', 'audit.', 'csv'])
    expect(identifierParts('abc123')).toEqual(['abc123'])
    expect(identifierParts('')).toEqual([''])
    expect(identifierParts('a..b').join('')).toBe('a..b')
  })

  it('no style sheet breaks words anywhere (word-break: break-all)', () => {
    const offenders = files(RENDERER, /\.css$/).filter((path) => /word-break:\s*break-all/.test(readFileSync(path, 'utf8')))
    expect(offenders.map((path) => relative(RENDERER, path))).toEqual([])
  })
})
