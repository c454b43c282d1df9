import { describe, expect, it } from 'vitest'
import type { FieldDef } from '../../../src/shared/contract/schemas'
import { rebase } from '../../../src/main/core/schemas/rebase'
import { field, retyped } from './fieldKit'

const base: FieldDef[] = [field('account', 'identifier'), field('tier', 'enum'), field('notes', 'longtext'), field('region', 'text')]
const edit = (list: FieldDef[], key: string, change: (f: FieldDef) => FieldDef | undefined) =>
  list.flatMap((f) => (f.key === key ? [change(f)].filter((x): x is FieldDef => x !== undefined) : [f]))

describe('rebase (three-way: base, theirs, mine)', () => {
  it('applies non-overlapping changes cleanly: their changes and ours both survive', () => {
    const theirs = [...edit(base, 'region_text', (f) => ({ ...f, title: 'Sales region' })), field('vip', 'checkbox')]
    const mine = [...edit(base, 'notes_longtext', (f) => ({ ...f, maxLength: 500 })), field('score', 'integer')]
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts).toEqual([])
    expect(result.fields.map((f) => f.key)).toEqual([
      'account_identifier',
      'tier_enum',
      'notes_longtext',
      'region_text',
      'vip_checkbox',
      'score_integer',
    ])
    expect(result.fields.find((f) => f.key === 'region_text')?.title).toBe('Sales region')
    expect(result.fields.find((f) => f.key === 'notes_longtext')?.maxLength).toBe(500)
    expect(result.info.theirChanges).toEqual([
      { name: 'region', kind: 'changed' },
      { name: 'vip', kind: 'added' },
    ])
  })

  it('merges overlapping but compatible edits of one field (different attributes, options added on both sides)', () => {
    const theirs = edit(base, 'tier_enum', (f) => ({
      ...f,
      title: 'Loyalty tier',
      options: [...f.options!, { value: 'gold', title: 'Gold' }],
    }))
    const mine = edit(base, 'tier_enum', (f) => ({ ...f, required: true, options: [...f.options!, { value: 'silver', title: 'Silver' }] }))
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts).toEqual([])
    expect(result.info.merged).toEqual(['tier'])
    const tier = result.fields.find((f) => f.key === 'tier_enum')!
    expect(tier).toMatchObject({ title: 'Loyalty tier', required: true })
    expect(tier.options!.map((o) => o.value)).toEqual(['low', 'high', 'gold', 'silver'])
  })

  it('takes an identical change on both sides once, without a conflict', () => {
    const same = edit(base, 'region_text', (f) => ({ ...f, maxLength: 40 }))
    const result = rebase(base, same, structuredClone(same))
    expect(result.info.conflicts).toEqual([])
    expect(result.fields).toEqual(same)
  })

  it('marks the same attribute changed both ways as a conflict, and keeps theirs until the admin decides', () => {
    const theirs = edit(base, 'notes_longtext', (f) => ({ ...f, maxLength: 800 }))
    const mine = edit(base, 'notes_longtext', (f) => ({ ...f, maxLength: 300 }))
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts).toHaveLength(1)
    expect(result.info.conflicts[0]).toMatchObject({ name: 'notes', theirs: { maxLength: 800 }, mine: { maxLength: 300 } })
    expect(result.info.conflicts[0].reason).toMatch(/maxLength \(they: 800, you: 300\)/)
    expect(result.fields.find((f) => f.key === 'notes_longtext')?.maxLength).toBe(800)
  })

  it('marks a field removed by them and changed by us as a conflict (their removal is not undone silently)', () => {
    const theirs = edit(base, 'region_text', () => undefined)
    const mine = edit(base, 'region_text', (f) => ({ ...f, maxLength: 60 }))
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts).toEqual([
      expect.objectContaining({
        name: 'region',
        theirs: undefined,
        mine: expect.objectContaining({ maxLength: 60 }),
        reason: 'They removed this field; you changed it.',
      }),
    ])
    expect(result.fields.some((f) => f.name === 'region')).toBe(false)
  })

  it('marks a field removed by us and changed by them as a conflict (their change is not dropped silently)', () => {
    const theirs = edit(base, 'region_text', (f) => ({ ...f, title: 'Territory' }))
    const mine = edit(base, 'region_text', () => undefined)
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts[0]).toMatchObject({ name: 'region', mine: undefined, reason: 'You removed this field; they changed it.' })
    expect(result.fields.find((f) => f.name === 'region')?.title).toBe('Territory')
  })

  it('keeps a removal on our side when they did not touch the field', () => {
    const theirs = [...base, field('vip', 'checkbox')]
    const result = rebase(
      base,
      theirs,
      edit(base, 'notes_longtext', () => undefined),
    )
    expect(result.fields.map((f) => f.key)).toEqual(['account_identifier', 'tier_enum', 'region_text', 'vip_checkbox'])
  })

  it('treats a type change on one side and another edit on the other as a conflict', () => {
    const theirs = edit(base, 'region_text', (f) => retyped(f, 'enum'))
    const mine = edit(base, 'region_text', (f) => ({ ...f, maxLength: 30 }))
    const result = rebase(base, theirs, mine)
    expect(result.info.conflicts[0].reason).toMatch(/They changed the type to enum/)
  })

  it('replays our type change in place when they left the field alone', () => {
    const result = rebase(
      base,
      [...base],
      edit(base, 'region_text', (f) => retyped(f, 'enum')),
    )
    expect(result.fields.map((f) => f.key)).toEqual(['account_identifier', 'tier_enum', 'notes_longtext', 'region_enum'])
  })

  it('marks two different fields added under one name as a conflict', () => {
    const result = rebase(base, [...base, field('score', 'integer')], [...base, field('score', 'number')])
    expect(result.info.conflicts).toEqual([
      expect.objectContaining({ name: 'score', reason: 'You both added a field with this name, differently.' }),
    ])
    expect(result.fields.filter((f) => f.name === 'score').map((f) => f.key)).toEqual(['score_integer'])
  })

  it('flags options changed differently on both sides', () => {
    const theirs = edit(base, 'tier_enum', (f) => ({ ...f, options: [{ value: 'low', title: 'Basic' }, f.options![1]] }))
    const mine = edit(base, 'tier_enum', (f) => ({ ...f, options: [{ value: 'low', title: 'Entry' }, f.options![1]] }))
    expect(rebase(base, theirs, mine).info.conflicts[0].reason).toMatch(/options/)
  })
})
