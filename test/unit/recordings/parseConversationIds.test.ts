import { describe, expect, it } from 'vitest'
import { parseConversationIds } from '../../../src/main/core/recordings/find/parseConversationIds'
import { AppError } from '../../../src/shared/errors'

const A = '3f2c9a1e-8b7d-4c6e-9f10-1a2b3c4d5e6f'
const B = '7d9e8f10-2a3b-4c5d-8e6f-0a1b2c3d4e5f'
const C = 'c0ffee00-1111-4222-8333-444455556666'

describe('conversation ids, one a line', () => {
  it('keeps each id once, lower case, and reports junk lines with their line numbers', () => {
    const text = [A, '', `  ${B.toUpperCase()}  `, 'not-an-id', A, `"${C}"`, 'call from Tuesday'].join('\n')
    const parsed = parseConversationIds(text)
    expect(parsed.conversationIds).toEqual([A, B, C])
    expect(parsed.format).toBe('lines')
    expect(parsed.duplicates).toBe(1)
    expect(parsed.invalidCount).toBe(2)
    expect(parsed.invalid).toEqual([
      { line: 4, value: 'not-an-id' },
      { line: 7, value: 'call from Tuesday' },
    ])
  })

  it('lists the first 100 invalid lines but counts them all, and takes thousands of ids at once', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`)
    const junk = Array.from({ length: 250 }, (_, i) => `junk ${i}`)
    const parsed = parseConversationIds([...ids, ...junk].join('\r\n'))
    expect(parsed.conversationIds).toHaveLength(5_000)
    expect(parsed.invalidCount).toBe(250)
    expect(parsed.invalid).toHaveLength(100)
    expect(parsed.invalid[0]).toEqual({ line: 5_001, value: 'junk 0' })
  })

  it('takes a one-column file whose first line names the column', () => {
    const parsed = parseConversationIds(`Conversation ID\n${A}\n${B}\n`)
    expect(parsed).toMatchObject({ conversationIds: [A, B], format: 'csv', column: 'Conversation ID', invalidCount: 0 })
  })
})

describe('conversation ids in a CSV', () => {
  it('finds the conversationId column by its header, wherever it is', () => {
    const csv = [
      '\uFEFFdate,queue,conversationId,agent',
      `2026-11-01,Support,${A},"Dana, W."`,
      `2026-11-02,Sales,oops,Lee`,
      `2026-11-03,Sales,${A},Lee`,
    ].join('\n')
    const parsed = parseConversationIds(csv)
    expect(parsed).toMatchObject({ conversationIds: [A], format: 'csv', column: 'conversationId', duplicates: 1, invalidCount: 1 })
    expect(parsed.invalid).toEqual([{ line: 3, value: 'oops' }])
  })

  it('reads the export header "Conversation ID" with semicolons', () => {
    const parsed = parseConversationIds(`Start;Conversation ID;Direction\n2026-11-01;${B};inbound\n2026-11-01;${C};outbound`)
    expect(parsed).toMatchObject({ conversationIds: [B, C], column: 'Conversation ID' })
  })

  it('finds a column of ids without a header naming it', () => {
    const parsed = parseConversationIds(`${A},first\n${B},second`)
    expect(parsed).toMatchObject({ conversationIds: [A, B], format: 'csv', invalidCount: 0 })
    expect(parsed.column).toBeUndefined()
  })

  it('says plainly when no column holds conversation ids', () => {
    let error: unknown
    try {
      parseConversationIds('name,queue\nDana,Support')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toContain('No column of this CSV holds conversation ids')
    expect((error as AppError).hint).toContain('conversationId')
  })
})
