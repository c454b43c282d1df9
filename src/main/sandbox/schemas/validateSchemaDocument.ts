import type { ErrorDetail } from '../errors'
import {
  ENUM_MAX_OPTION_CHARACTERS,
  ENUM_MAX_OPTIONS,
  isCoreType,
  LENGTH_LIMITS,
  TAG_MAX_CHARACTERS,
  TAG_MAX_ITEMS,
  type CoreType,
} from './coretypes'
import type { SchemaQuantityLimits } from './schemaLimits'

export interface Problem {
  detail: ErrorDetail
  message: string
}

type Json = Record<string, unknown>

const REF_PREFIX = '#/definitions/'
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/

/**
 * What the platform refuses in a schema's jsonSchema: unknown core types, keys that do not end in
 * their type, limits beyond the type's own, too many fields. One problem per offending attribute.
 */
export function validateSchemaDocument(jsonSchema: Json, limits: SchemaQuantityLimits, fieldsElsewhere: number): Problem[] {
  const problems: Problem[] = []
  const properties = (jsonSchema.properties ?? {}) as Json
  const keys = Object.keys(properties)
  if (keys.length > limits.maxNumberOfFieldsPerSchema) {
    problems.push(
      problem(
        'jsonSchema.properties',
        'limit.exceeded',
        `The schema has ${keys.length} fields; at most ${limits.maxNumberOfFieldsPerSchema} are allowed per schema.`,
      ),
    )
  }
  if (keys.length + fieldsElsewhere > limits.maxNumberOfFieldsPerOrg) {
    problems.push(
      problem(
        'jsonSchema.properties',
        'limit.exceeded',
        `The org would have ${keys.length + fieldsElsewhere} custom fields; at most ${limits.maxNumberOfFieldsPerOrg} are allowed per org.`,
      ),
    )
  }
  for (const key of keys) problems.push(...validateField(key, properties[key], limits))
  const required = jsonSchema.required
  if (required !== undefined && (!Array.isArray(required) || required.some((name) => typeof name !== 'string' || !(name in properties)))) {
    problems.push(problem('jsonSchema.required', 'invalid.value', 'required must list field keys that are in properties.'))
  }
  return problems
}

function validateField(key: string, raw: unknown, limits: SchemaQuantityLimits): Problem[] {
  const at = `jsonSchema.properties.${key}`
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [problem(at, 'invalid.value', `Field ${key} must be an object.`)]
  const field = raw as Json
  const type = coreTypeOf(field)
  if (!type)
    return [
      problem(
        `${at}.allOf`,
        'invalid.value',
        `Field ${key} must have allOf: [{"$ref": "#/definitions/<core type>"}] with a known core type.`,
      ),
    ]
  const problems: Problem[] = []
  const name = key.endsWith(`_${type}`) ? key.slice(0, -(type.length + 1)) : undefined
  if (!name || !KEY_PATTERN.test(name)) {
    problems.push(problem(at, 'invalid.field.name', `Field key ${key} must be a lower-case name followed by _${type} (its core type).`))
  }
  if (key.length < limits.minFieldNameCharacters || key.length > limits.maxFieldNameCharacters) {
    problems.push(
      problem(
        at,
        'invalid.length',
        `Field key ${key} must have ${limits.minFieldNameCharacters} to ${limits.maxFieldNameCharacters} characters.`,
      ),
    )
  }
  const title = field.title
  if (typeof title !== 'string' || title.length < limits.minFieldTitleCharacters || title.length > limits.maxFieldTitleCharacters) {
    problems.push(
      problem(
        `${at}.title`,
        'invalid.length',
        `Field ${key} needs a title of ${limits.minFieldTitleCharacters} to ${limits.maxFieldTitleCharacters} characters.`,
      ),
    )
  }
  const description = field.description
  if (description !== undefined && (typeof description !== 'string' || description.length > limits.maxFieldDescriptionCharacters)) {
    problems.push(
      problem(
        `${at}.description`,
        'invalid.length',
        `Field ${key}'s description may have at most ${limits.maxFieldDescriptionCharacters} characters.`,
      ),
    )
  }
  problems.push(...validateTypeLimits(key, type, field))
  return problems
}

function validateTypeLimits(key: string, type: CoreType, field: Json): Problem[] {
  const at = `jsonSchema.properties.${key}`
  const problems: Problem[] = []
  const maxAllowed = LENGTH_LIMITS[type]
  if (maxAllowed !== undefined) {
    const min = field.minLength ?? 0
    const max = field.maxLength ?? maxAllowed
    if (!isCount(max) || max < 1 || max > maxAllowed)
      problems.push(problem(`${at}.maxLength`, 'limit.exceeded', `Field ${key} (${type}) may have a maxLength of 1 to ${maxAllowed}.`))
    if (!isCount(min) || (isCount(max) && min > max))
      problems.push(problem(`${at}.minLength`, 'invalid.value', `Field ${key}'s minLength must be between 0 and its maxLength.`))
  }
  if (type === 'integer' || type === 'number') {
    const { minimum, maximum } = field
    if ((minimum !== undefined && typeof minimum !== 'number') || (maximum !== undefined && typeof maximum !== 'number')) {
      problems.push(problem(at, 'invalid.value', `Field ${key}'s minimum and maximum must be numbers.`))
    } else if (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum) {
      problems.push(problem(`${at}.minimum`, 'invalid.value', `Field ${key}'s minimum is above its maximum.`))
    }
  }
  if (type === 'enum') problems.push(...validateEnum(key, field))
  if (type === 'tag') problems.push(...validateTag(key, field))
  return problems
}

function validateEnum(key: string, field: Json): Problem[] {
  const at = `jsonSchema.properties.${key}.enum`
  const options = field.enum
  if (!Array.isArray(options) || options.length === 0)
    return [problem(at, 'missing.value', `Field ${key} (enum) needs at least one option.`)]
  const problems: Problem[] = []
  if (options.length > ENUM_MAX_OPTIONS)
    problems.push(problem(at, 'limit.exceeded', `Field ${key} has ${options.length} options; at most ${ENUM_MAX_OPTIONS} are allowed.`))
  if (options.some((o) => typeof o !== 'string' || o.length === 0 || o.length > ENUM_MAX_OPTION_CHARACTERS)) {
    problems.push(problem(at, 'invalid.length', `Each option of ${key} must be 1 to ${ENUM_MAX_OPTION_CHARACTERS} characters.`))
  }
  if (new Set(options).size !== options.length) problems.push(problem(at, 'duplicate.value', `Field ${key} lists an option twice.`))
  return problems
}

function validateTag(key: string, field: Json): Problem[] {
  const at = `jsonSchema.properties.${key}`
  const problems: Problem[] = []
  const maxItems = field.maxItems ?? TAG_MAX_ITEMS
  if (!isCount(maxItems) || maxItems < 1 || maxItems > TAG_MAX_ITEMS)
    problems.push(problem(`${at}.maxItems`, 'limit.exceeded', `Field ${key} (tag) may hold 1 to ${TAG_MAX_ITEMS} tags.`))
  const items = (field.items ?? {}) as Json
  const itemMax = items.maxLength ?? TAG_MAX_CHARACTERS
  if (!isCount(itemMax) || itemMax < 1 || itemMax > TAG_MAX_CHARACTERS)
    problems.push(
      problem(`${at}.items.maxLength`, 'limit.exceeded', `Each tag of ${key} may have at most ${TAG_MAX_CHARACTERS} characters.`),
    )
  return problems
}

export function coreTypeOf(field: Json): CoreType | undefined {
  const allOf = field.allOf
  if (!Array.isArray(allOf) || allOf.length !== 1) return undefined
  const ref = (allOf[0] as Json | undefined)?.$ref
  if (typeof ref !== 'string' || !ref.startsWith(REF_PREFIX)) return undefined
  const type = ref.slice(REF_PREFIX.length)
  return isCoreType(type) ? type : undefined
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function problem(fieldName: string, errorCode: string, message: string): Problem {
  return { detail: { errorCode, fieldName }, message }
}
