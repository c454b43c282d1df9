import { describe, expect, it } from 'vitest'
import { parseFields, toJsonSchema } from '../../../src/main/core/schemas/fieldModel'
import { seedSchemas, hundredFields } from '../../../src/main/sandbox/schemas/schemaSeeds'

function documentOf(fields: [string, Record<string, unknown>][], required: string[] = []) {
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'T',
    description: 'D',
    properties: Object.fromEntries(fields),
    required,
  }
}

describe('fieldModel: jsonSchema properties <-> typed fields', () => {
  it('reads the seeds: key, name, type from $ref, labels, bounds, options and tag items', () => {
    const last = seedSchemas()[0].versions.at(-1)!
    const fields = parseFields(documentOf(last.fields, last.required))
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]))
    expect(byKey.account_number_identifier).toMatchObject({
      name: 'account_number',
      type: 'identifier',
      title: 'Account number',
      required: true,
      minLength: 1,
      maxLength: 20,
    })
    expect(byKey.loyalty_tier_enum.options).toEqual([
      { value: 'bronze', title: 'Bronze', disabled: false },
      { value: 'silver', title: 'Silver', disabled: false },
      { value: 'gold', title: 'Gold', disabled: false },
      { value: 'platinum', title: 'Platinum', disabled: false },
    ])
    expect(byKey.interests_tag).toMatchObject({
      type: 'tag',
      itemMinLength: 1,
      itemMaxLength: 50,
      minItems: 0,
      maxItems: 10,
      uniqueItems: true,
    })
    expect(Object.values(byKey).every((f) => f.extra === undefined)).toBe(true)
  })

  it.each([
    ['every seed version', seedSchemas().flatMap((s) => s.versions.map((v) => documentOf(v.fields, v.required)))],
    ['the hundred-field schema', [documentOf(hundredFields(), ['attribute_001_text', 'attribute_047_enum'])]],
  ])('round-trips %s exactly', (_name, documents) => {
    for (const doc of documents) expect(toJsonSchema(doc, parseFields(doc))).toStrictEqual(doc)
  })

  it('keeps what it does not model, verbatim: unknown attributes, odd _enumProperties, items with a pattern', () => {
    const doc = documentOf(
      [
        [
          'code_text',
          { allOf: [{ $ref: '#/definitions/text' }], title: 'Code', pattern: '^[A-Z]{3}$', 'x-owner': { team: 'crm' }, maxLength: 'ten' },
        ],
        [
          'tier_enum',
          {
            allOf: [{ $ref: '#/definitions/enum' }],
            title: 'Tier',
            enum: ['a', 'b'],
            _enumProperties: { a: { title: 'A', colour: 'red' }, b: { title: 'B' } },
          },
        ],
        ['plain_enum', { allOf: [{ $ref: '#/definitions/enum' }], enum: ['x'] }],
        ['topics_tag', { allOf: [{ $ref: '#/definitions/tag' }], title: 'Topics', items: { maxLength: 20, pattern: '^#' }, maxItems: 5 }],
        ['legacyKey', { allOf: [{ $ref: '#/definitions/checkbox' }], title: 'Legacy' }],
      ],
      ['tier_enum', 'code_text'],
    )
    const fields = parseFields(doc)
    expect(fields[0]).toMatchObject({ key: 'code_text', extra: { pattern: '^[A-Z]{3}$', 'x-owner': { team: 'crm' }, maxLength: 'ten' } })
    expect(fields[1].options).toEqual([{ value: 'a' }, { value: 'b' }])
    expect(fields[1].extra).toEqual({ _enumProperties: { a: { title: 'A', colour: 'red' }, b: { title: 'B' } } })
    expect(fields[2].title).toBeUndefined()
    expect(fields[2].options).toEqual([{ value: 'x' }])
    expect(fields[3].extra).toEqual({ items: { maxLength: 20, pattern: '^#' } })
    expect(fields[4]).toMatchObject({ key: 'legacyKey', name: 'legacyKey', type: 'checkbox' })
    expect(toJsonSchema(doc, fields)).toStrictEqual(doc)
  })

  it('writes required in the base order, drops fields no longer required and appends new ones', () => {
    const doc = documentOf(
      [
        ['a_text', { allOf: [{ $ref: '#/definitions/text' }], title: 'A' }],
        ['b_text', { allOf: [{ $ref: '#/definitions/text' }], title: 'B' }],
        ['c_text', { allOf: [{ $ref: '#/definitions/text' }], title: 'C' }],
      ],
      ['c_text', 'a_text'],
    )
    const fields = parseFields(doc).map((f) =>
      f.key === 'a_text' ? { ...f, required: false } : f.key === 'b_text' ? { ...f, required: true } : f,
    )
    expect(toJsonSchema(doc, fields).required).toEqual(['c_text', 'b_text'])
  })

  it('refuses a property whose type it cannot read, naming it, instead of guessing', () => {
    const doc = documentOf([
      ['ok_text', { allOf: [{ $ref: '#/definitions/text' }], title: 'OK' }],
      ['odd_geo', { allOf: [{ $ref: '#/definitions/geopoint' }], title: 'Where' }],
      ['raw', { type: 'string' }],
    ])
    expect(() => parseFields(doc)).toThrow(/odd_geo, raw/)
  })
})
