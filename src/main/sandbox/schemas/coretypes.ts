/**
 * The custom-field core types of External Contacts schemas, with the limits the admin UI documents
 * (Genesys Cloud help, "Custom field types"). A field's property is `<name>_<type>` with
 * `allOf: [{ "$ref": "#/definitions/<type>" }]`, as in the platform's own schema examples.
 */
export const CORE_TYPES = [
  'text',
  'longtext',
  'identifier',
  'url',
  'integer',
  'number',
  'checkbox',
  'date',
  'datetime',
  'enum',
  'tag',
] as const
export type CoreType = (typeof CORE_TYPES)[number]

export const LENGTH_LIMITS: Partial<Record<CoreType, number>> = { text: 100, longtext: 1000, identifier: 100, url: 200 }
export const ENUM_MAX_OPTIONS = 50
export const ENUM_MAX_OPTION_CHARACTERS = 100
export const TAG_MAX_ITEMS = 10
export const TAG_MAX_CHARACTERS = 100

export function isCoreType(value: string): value is CoreType {
  return (CORE_TYPES as readonly string[]).includes(value)
}

const DATE_CREATED = '2023-06-01T00:00:00.000Z'

/** GET .../schemas/coretypes: one entry per type, with the validation fields and limits it supports. */
export function coretypeListing(basePath: string) {
  const entities = CORE_TYPES.map((name) => coretype(name, basePath))
  return { total: entities.length, entities, selfUri: `${basePath}/coretypes` }
}

function coretype(name: CoreType, basePath: string) {
  const maxLength = LENGTH_LIMITS[name]
  const validationFields: string[] = []
  const validationLimits: Record<string, { min: number; max: number }> = {}
  if (maxLength !== undefined) {
    validationFields.push('minLength', 'maxLength')
    validationLimits.minLength = { min: 0, max: maxLength }
    validationLimits.maxLength = { min: 1, max: maxLength }
  }
  if (name === 'integer' || name === 'number') validationFields.push('minimum', 'maximum')
  if (name === 'enum') {
    validationFields.push('enum')
    validationLimits.minItems = { min: 1, max: ENUM_MAX_OPTIONS }
    validationLimits.maxItems = { min: 1, max: ENUM_MAX_OPTIONS }
  }
  if (name === 'tag') {
    validationFields.push('minItems', 'maxItems', 'uniqueItems')
    validationLimits.minItems = { min: 0, max: TAG_MAX_ITEMS }
    validationLimits.maxItems = { min: 1, max: TAG_MAX_ITEMS }
  }
  return {
    id: name,
    name,
    version: 1,
    dateCreated: DATE_CREATED,
    schema: { title: name, description: `The ${name} core type`, type: [typeOf(name)] },
    current: true,
    validationFields,
    validationLimits,
    ...(name === 'tag'
      ? {
          itemValidationFields: ['minLength', 'maxLength'],
          itemValidationLimits: { minLength: { min: 0, max: TAG_MAX_CHARACTERS }, maxLength: { min: 1, max: TAG_MAX_CHARACTERS } },
        }
      : {}),
    selfUri: `${basePath}/coretypes/${name}`,
  }
}

function typeOf(name: CoreType): string {
  if (name === 'integer') return 'integer'
  if (name === 'number') return 'number'
  if (name === 'checkbox') return 'boolean'
  if (name === 'tag') return 'array'
  return 'string'
}
