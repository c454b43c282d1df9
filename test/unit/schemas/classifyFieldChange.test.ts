import { describe, expect, it } from 'vitest'
import { FIELD_TYPES, type FieldDef } from '../../../src/shared/contract/schemas'
import { classifyFieldChange } from '../../../src/main/core/schemas/classifyFieldChange'
import { CONSTRAINT_CHANGES, type ConstraintKind } from '../../../src/main/core/schemas/constraintChangeTable'
import { TYPE_CHANGES } from '../../../src/main/core/schemas/typeChangeTable'
import { field, retyped } from './fieldKit'

const PAIRS = FIELD_TYPES.flatMap((from) => FIELD_TYPES.filter((to) => to !== from).map((to) => [from, to] as const))

describe('the type-change table', () => {
  it('has a row for every type and a column for every type, nothing else', () => {
    expect(Object.keys(TYPE_CHANGES).sort()).toEqual([...FIELD_TYPES].sort())
    for (const from of FIELD_TYPES) expect(Object.keys(TYPE_CHANGES[from]).sort()).toEqual([...FIELD_TYPES].sort())
    expect(PAIRS).toHaveLength(FIELD_TYPES.length * (FIELD_TYPES.length - 1))
  })

  it.each(FIELD_TYPES)('has no entry for %s to itself (not a type change)', (type) => {
    expect(TYPE_CHANGES[type][type]).toBeNull()
  })

  it.each(PAIRS)('classifies %s -> %s with a reason, and the classifier uses that row', (from, to) => {
    const rule = TYPE_CHANGES[from][to]
    expect(rule, `missing row ${from} -> ${to}`).not.toBeNull()
    expect(rule!.reason.length).toBeGreaterThan(10)
    const before = field('score', from)
    const changes = classifyFieldChange(before, retyped(before, to))
    const typeChange = changes.find((c) => c.kind === 'type.changed')
    // The type is part of the key: values stay under the old key, hidden, as when the field is removed.
    expect(typeChange).toMatchObject({ from, to, classification: 'destructive' })
    expect(typeChange!.reason).toContain(`values stored under score_${from} will no longer be shown`)
    expect(typeChange!.reason).toContain(`score_${to}`)
    expect(typeChange!.reason).toContain(rule!.reason)
  })

  it('makes a key-changing edit destructive like a removal, even when every value could be migrated', () => {
    const before = field('open_tickets', 'integer')
    const changes = classifyFieldChange(before, retyped(before, 'text'))
    expect(changes.map((c) => [c.kind, c.classification])).toEqual([['type.changed', 'destructive']])
    expect(changes[0].reason).toContain('values stored under open_tickets_integer will no longer be shown')
    expect(CONSTRAINT_CHANGES['field.removed'].classification).toBe('destructive')
  })

  it('matches the examples the issues name', () => {
    expect(TYPE_CHANGES.text.integer?.values).toBe('some')
    expect(TYPE_CHANGES.url.integer?.values).toBe('none')
    expect(TYPE_CHANGES.integer.number?.values).toBe('all')
    expect(TYPE_CHANGES.datetime.date?.values).toBe('lossy')
  })
})

/** One (before, after) per row of the constraint table; the test fails if a row has no case. */
const CASES: Record<ConstraintKind, () => [FieldDef | undefined, FieldDef | undefined]> = {
  'field.added': () => [undefined, field('note', 'text')],
  'field.added.required': () => [undefined, field('note', 'text', { required: true })],
  'field.removed': () => [field('note', 'text'), undefined],
  'title.changed': () => [field('note', 'text'), field('note', 'text', { title: 'Agent note' })],
  'description.changed': () => [field('note', 'text'), field('note', 'text', { description: 'What the agent noted' })],
  'required.on': () => [field('note', 'text'), field('note', 'text', { required: true })],
  'required.off': () => [field('note', 'text', { required: true }), field('note', 'text')],
  'minLength.raised': () => [field('note', 'text'), field('note', 'text', { minLength: 5 })],
  'minLength.lowered': () => [field('note', 'text', { minLength: 5 }), field('note', 'text', { minLength: 1 })],
  'maxLength.lowered': () => [field('note', 'text'), field('note', 'text', { maxLength: 50 })],
  'maxLength.raised': () => [field('note', 'text', { maxLength: 50 }), field('note', 'text', { maxLength: 80 })],
  'minimum.raised': () => [field('age', 'integer'), field('age', 'integer', { minimum: 18 })],
  'minimum.lowered': () => [field('age', 'integer'), field('age', 'integer', { minimum: -5 })],
  'maximum.lowered': () => [field('age', 'integer'), field('age', 'integer', { maximum: 120 })],
  'maximum.raised': () => [field('age', 'integer'), field('age', 'integer', { maximum: 5000 })],
  'option.added': () => [
    field('tier', 'enum'),
    field('tier', 'enum', { options: [...field('tier', 'enum').options!, { value: 'mid', title: 'Mid' }] }),
  ],
  'option.removed': () => [field('tier', 'enum'), field('tier', 'enum', { options: [{ value: 'low', title: 'Low' }] })],
  'option.renamed': () => [
    field('tier', 'enum'),
    field('tier', 'enum', {
      options: [
        { value: 'low', title: 'Low' },
        { value: 'top', title: 'High' },
      ],
    }),
  ],
  'option.retitled': () => [
    field('tier', 'enum'),
    field('tier', 'enum', {
      options: [
        { value: 'low', title: 'Low' },
        { value: 'high', title: 'Highest' },
      ],
    }),
  ],
  'option.disabled': () => [
    field('tier', 'enum'),
    field('tier', 'enum', {
      options: [
        { value: 'low', title: 'Low', disabled: true },
        { value: 'high', title: 'High' },
      ],
    }),
  ],
  'option.enabled': () => [
    field('tier', 'enum', {
      options: [
        { value: 'low', title: 'Low', disabled: true },
        { value: 'high', title: 'High' },
      ],
    }),
    field('tier', 'enum'),
  ],
  'options.reordered': () => [
    field('tier', 'enum'),
    field('tier', 'enum', {
      options: [
        { value: 'high', title: 'High' },
        { value: 'low', title: 'Low' },
      ],
    }),
  ],
  'itemMinLength.raised': () => [field('topics', 'tag'), field('topics', 'tag', { itemMinLength: 3 })],
  'itemMinLength.lowered': () => [field('topics', 'tag', { itemMinLength: 3 }), field('topics', 'tag')],
  'itemMaxLength.lowered': () => [field('topics', 'tag'), field('topics', 'tag', { itemMaxLength: 20 })],
  'itemMaxLength.raised': () => [field('topics', 'tag', { itemMaxLength: 20 }), field('topics', 'tag')],
  'minItems.raised': () => [field('topics', 'tag'), field('topics', 'tag', { minItems: 1 })],
  'minItems.lowered': () => [field('topics', 'tag', { minItems: 2 }), field('topics', 'tag')],
  'maxItems.lowered': () => [field('topics', 'tag'), field('topics', 'tag', { maxItems: 3 })],
  'maxItems.raised': () => [field('topics', 'tag', { maxItems: 3 }), field('topics', 'tag')],
  'uniqueItems.on': () => [field('topics', 'tag', { uniqueItems: false }), field('topics', 'tag')],
  'uniqueItems.off': () => [field('topics', 'tag'), field('topics', 'tag', { uniqueItems: false })],
  'attribute.changed': () => [
    field('note', 'text', { extra: { pattern: '^[A-Z]' } }),
    field('note', 'text', { extra: { pattern: '^[a-z]' } }),
  ],
}

describe('the constraint-change table', () => {
  it('has a test case for every row, and a row for every case', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(CONSTRAINT_CHANGES).sort())
  })

  it.each(Object.keys(CONSTRAINT_CHANGES) as ConstraintKind[])('%s: produces exactly that change, classified by the table', (kind) => {
    const [before, after] = CASES[kind]()
    const changes = classifyFieldChange(before, after)
    expect(changes.map((c) => c.kind)).toEqual([kind])
    expect(changes[0].classification).toBe(CONSTRAINT_CHANGES[kind].classification)
    expect(changes[0].reason).toBe(CONSTRAINT_CHANGES[kind].reason)
  })

  it('classifies as the issue asks: shorter maximum, removed options and optional->required are data-dependent; removal destructive', () => {
    expect(CONSTRAINT_CHANGES['maxLength.lowered'].classification).toBe('data-dependent')
    expect(CONSTRAINT_CHANGES['option.removed'].classification).toBe('data-dependent')
    expect(CONSTRAINT_CHANGES['required.on'].classification).toBe('data-dependent')
    expect(CONSTRAINT_CHANGES['field.removed'].classification).toBe('destructive')
    expect(CONSTRAINT_CHANGES['field.added'].classification).toBe('safe')
  })

  it('treats an absent bound as the type default: setting maxLength 100 on text changes nothing', () => {
    const before = field('note', 'text', { maxLength: undefined })
    expect(classifyFieldChange(before, field('note', 'text', { maxLength: 100 }))).toEqual([])
    expect(classifyFieldChange(before, field('note', 'text', { maxLength: 99 }))[0].kind).toBe('maxLength.lowered')
  })

  it('keeps the length bounds across text -> identifier, and drops them across text -> integer', () => {
    const before = field('code', 'text', { maxLength: 60 })
    const toIdentifier = classifyFieldChange(before, { ...retyped(before, 'identifier'), maxLength: 30 })
    expect(toIdentifier.map((c) => c.kind)).toEqual(['type.changed', 'maxLength.lowered'])
    expect(classifyFieldChange(before, retyped(before, 'integer')).map((c) => c.kind)).toEqual(['type.changed'])
  })

  it('lists several changes of one field, each with its own class', () => {
    const changes = classifyFieldChange(field('note', 'text'), field('note', 'text', { title: 'Note', required: true, maxLength: 40 }))
    expect(changes.map((c) => [c.kind, c.classification])).toEqual([
      ['title.changed', 'safe'],
      ['required.on', 'data-dependent'],
      ['maxLength.lowered', 'data-dependent'],
    ])
  })
})
