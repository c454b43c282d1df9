import { describe, expect, it } from 'vitest'
import type { ParsedConversationIds } from '../../../src/shared/contract/recordings'
import {
  fileStateText,
  folderCheckText,
  idsPreviewText,
  invalidLinesText,
  isKnownFileState,
  lengthText,
  linkExpired,
  linkExpiryText,
  transcodingText,
  unavailableText,
} from '../../../src/renderer/src/features/recordings/recordingWords'
import { formatDate } from '../../../src/renderer/src/ui/format'

const at = (iso: string) => Date.parse(iso)

describe("a download link's countdown", () => {
  const expiresAt = '2026-11-30T13:00:00.000Z'

  it('counts minutes and seconds down to the expiry, rounding up so it never says 0:00 while still valid', () => {
    expect(linkExpiryText(expiresAt, at('2026-11-30T12:00:48.000Z'))).toBe('expires in 59:12')
    expect(linkExpiryText(expiresAt, at('2026-11-30T12:59:59.400Z'))).toBe('expires in 0:01')
    expect(linkExpiryText(expiresAt, at('2026-11-30T11:58:57.000Z'))).toBe('expires in 1:01:03')
    expect(linkExpired(expiresAt, at('2026-11-30T12:59:59.400Z'))).toBe(false)
  })

  it('says it has expired and what to do, from the second it expires', () => {
    expect(linkExpiryText(expiresAt, at(expiresAt))).toBe('expired — get a new link')
    expect(linkExpiryText(expiresAt, at('2026-11-30T14:00:00.000Z'))).toBe('expired — get a new link')
    expect(linkExpired(expiresAt, at(expiresAt))).toBe(true)
  })

  it('says so when the expiry cannot be read rather than counting from nothing', () => {
    expect(linkExpiryText('soon', at(expiresAt))).toBe('expiry unknown')
  })

  it('gives the transcoding estimate in seconds, or just that it is transcoding', () => {
    expect(transcodingText(12_400)).toBe('Still transcoding, about 12 s')
    expect(transcodingText(200)).toBe('Still transcoding, about 1 s')
    expect(transcodingText(undefined)).toBe('Still transcoding')
  })
})

describe('the preview of pasted or imported conversation ids', () => {
  const id = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`

  it('says how many ids, invalid lines and duplicates there are, leaving out what is zero', () => {
    const clean: ParsedConversationIds = { conversationIds: [id(1), id(2)], format: 'lines', invalid: [], invalidCount: 0, duplicates: 0 }
    expect(idsPreviewText(clean)).toBe('2 conversation ids')
    const one: ParsedConversationIds = {
      conversationIds: [id(1)],
      format: 'lines',
      invalid: [{ line: 2, value: 'x' }],
      invalidCount: 1,
      duplicates: 1,
    }
    expect(idsPreviewText(one)).toBe('1 conversation id · 1 invalid line · 1 duplicate left out')
    const many: ParsedConversationIds = { conversationIds: [], format: 'lines', invalid: [], invalidCount: 1500, duplicates: 3 }
    const csv: ParsedConversationIds = { ...clean, format: 'csv', column: 'conversationId' }
    expect(idsPreviewText(csv)).toBe('2 conversation ids (CSV column “conversationId”)')
    expect(idsPreviewText(many)).toMatch(/^0 conversation ids · 1.500 invalid lines · 3 duplicates left out$/)
  })

  it('lists the first invalid lines by number and counts the rest, including those the core did not list', () => {
    const invalid = Array.from({ length: 100 }, (_, i) => ({ line: i + 3, value: `row ${i}` }))
    const parsed: ParsedConversationIds = { conversationIds: [id(1)], format: 'lines', invalid, invalidCount: 250, duplicates: 0 }
    const lines = invalidLinesText(parsed)
    expect(lines).toHaveLength(11)
    expect(lines[0]).toBe('Line 3: “row 0” is not a conversation id')
    expect(lines[10]).toBe('…and 240 more lines')
    expect(invalidLinesText({ ...parsed, invalid: invalid.slice(0, 1), invalidCount: 1 })).toEqual([
      'Line 3: “row 0” is not a conversation id',
    ])
  })
})

describe('recording facts in words', () => {
  it('shows file states it knows in words and any other exactly as the org sent it', () => {
    expect(fileStateText('AVAILABLE')).toBe('Available')
    expect(isKnownFileState('ARCHIVED')).toBe(true)
    expect(fileStateText('PENDING_PURGE')).toBe('PENDING_PURGE')
    expect(isKnownFileState('PENDING_PURGE')).toBe(false)
  })

  it('writes lengths as a clock', () => {
    expect(lengthText(245_000)).toBe('4:05')
    expect(lengthText(3_723_000)).toBe('1:02:03')
    expect(lengthText(undefined)).toBe('—')
  })
})

describe('why a recording cannot be had, with its date', () => {
  it('puts the row’s date into the reason in the screen’s one date format, never as ISO', () => {
    const deleteDate = '2026-11-25T09:30:00.000Z'
    const text = unavailableText({ fileState: 'DELETED', deleteDate, unavailableReason: 'Deleted: Genesys Cloud no longer has its media.' })
    expect(text).toBe(`Deleted ${formatDate(deleteDate)}: Genesys Cloud no longer has its media.`)
    expect(formatDate(deleteDate)).toMatch(/2026/)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    const archiveDate = '2026-11-20T00:00:00.000Z'
    expect(unavailableText({ fileState: 'ARCHIVED', archiveDate, unavailableReason: 'Archived: restore it first.' })).toBe(
      `Archived ${formatDate(archiveDate)}: restore it first.`,
    )
  })

  it('keeps the reason as it is without a date, and adds the date after a reason worded otherwise', () => {
    expect(unavailableText({ fileState: 'DELETED', unavailableReason: 'Deleted: gone.' })).toBe('Deleted: gone.')
    expect(unavailableText({ fileState: 'RESTORING', archiveDate: '2026-11-20T00:00:00Z', unavailableReason: 'Being restored.' })).toBe(
      'Being restored.',
    )
    expect(unavailableText({ fileState: 'DELETED', deleteDate: '2026-11-25T00:00:00Z', unavailableReason: 'Purged.' })).toBe(
      `Purged. (Deleted ${formatDate('2026-11-25T00:00:00Z')})`,
    )
    expect(unavailableText({ fileState: 'ERROR' })).toBe('Not available now.')
  })
})

describe('the folder check in words', () => {
  it('says the folder is ready, or that it will be made and when, and whether it is the default', () => {
    expect(folderCheckText({ folder: '/data/calls', exists: true, isDefault: false }, 'the download starts')).toBe(
      'The folder is ready: /data/calls',
    )
    expect(folderCheckText({ folder: '/data/calls/nov', exists: false, isDefault: false }, 'the download starts')).toBe(
      'The folder /data/calls/nov will be created when the download starts.',
    )
    expect(
      folderCheckText({ folder: '/home/a/.switchboard/downloads/recordings', exists: false, isDefault: true }, 'the transcript is saved'),
    ).toBe('The default folder /home/a/.switchboard/downloads/recordings will be created when the transcript is saved.')
  })
})
