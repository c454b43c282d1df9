import { describe, expect, it } from 'vitest'
import type { FieldDef, FieldType, SchemaLimits } from '../../../src/shared/contract/schemas'
import { checkLimits } from '../../../src/main/core/schemas/limits'
import { field } from './fieldKit'

const limits: SchemaLimits = {
  maxNumberOfFieldsPerSchema: 3,
  maxNumberOfFieldsPerOrg: 5,
  minFieldTitleCharacters: 1,
  maxFieldTitleCharacters: 20,
  maxFieldNameCharacters: 30,
  maxFieldDescriptionCharacters: 10,
}
const rules = (fields: Parameters<typeof checkLimits>[0], context?: Parameters<typeof checkLimits>[2]) =>
  checkLimits(fields, limits, context).map((v) => v.rule)

describe('checkLimits', () => {
  it('passes fields within every limit', () => {
    expect(checkLimits([field('a', 'text'), field('b', 'enum')], limits)).toEqual([])
  })

  it('counts fields per schema and per org from the limits read, not a fixed 100', () => {
    const four = [field('a', 'text'), field('b', 'text'), field('c', 'text'), field('d', 'text')]
    expect(rules(four)).toEqual(['maxNumberOfFieldsPerSchema'])
    expect(rules(four.slice(0, 2), { fieldsElsewhere: 4 })).toEqual(['maxNumberOfFieldsPerOrg'])
    expect(checkLimits(four, {})).toEqual([])
  })

  it.each([
    ['text', { maxLength: 101 }, 'typeMaxLength'],
    ['longtext', { maxLength: 1001 }, 'typeMaxLength'],
    ['identifier', { maxLength: 101 }, 'typeMaxLength'],
    ['url', { maxLength: 201 }, 'typeMaxLength'],
    ['text', { minLength: 50, maxLength: 10 }, 'minAboveMax'],
    ['integer', { minimum: 5, maximum: 1 }, 'minAboveMax'],
    ['tag', { maxItems: 11 }, 'tagMaxItems'],
    ['tag', { itemMaxLength: 101 }, 'tagItemLength'],
    ['enum', { options: [] }, 'enumOptions'],
    ['enum', { options: Array.from({ length: 51 }, (_, i) => ({ value: `o${i}`, title: `O${i}` })) }, 'enumOptions'],
    ['enum', { options: [{ value: 'x'.repeat(101), title: 'Long' }] }, 'enumOptionLength'],
    [
      'enum',
      {
        options: [
          { value: 'a', title: 'A' },
          { value: 'a', title: 'B' },
        ],
      },
      'enumOptionUnique',
    ],
  ] as [FieldType, Partial<FieldDef>, string][])('refuses a %s field with %j (%s)', (type, overrides, rule) => {
    expect(rules([field('f', type, overrides)])).toEqual([rule])
  })

  it('accepts each type at its own maximum', () => {
    const atMax = [
      field('a', 'text', { maxLength: 100 }),
      field('b', 'longtext', { maxLength: 1000 }),
      field('c', 'url', { maxLength: 200 }),
    ]
    expect(checkLimits(atMax, {})).toEqual([])
    expect(
      checkLimits([field('e', 'enum', { options: Array.from({ length: 50 }, (_, i) => ({ value: `o${i}`, title: `O${i}` })) })], {}),
    ).toEqual([])
  })

  it('checks labels, descriptions and key lengths against the org limits', () => {
    expect(rules([field('a', 'text', { title: '' })])).toEqual(['fieldTitleCharacters'])
    expect(rules([field('a', 'text', { title: 'x'.repeat(21) })])).toEqual(['fieldTitleCharacters'])
    expect(rules([field('a', 'text', { description: 'far too long' })])).toEqual(['fieldDescriptionCharacters'])
    expect(rules([field('a_very_long_field_name_indeed', 'text', { title: 'Long' })])).toEqual(['fieldNameCharacters'])
  })

  it('checks the key of new fields only, and catches two fields with one name', () => {
    const odd = { ...field('x', 'text'), key: 'LegacyKey', name: 'LegacyKey' }
    expect(rules([odd])).toEqual(['fieldKey'])
    expect(rules([odd], { existingKeys: new Set(['LegacyKey']) })).toEqual([])
    expect(rules([field('age', 'text'), field('age', 'integer')])).toEqual(['uniqueName'])
  })
})
