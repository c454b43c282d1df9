import { FIELD_TYPES, type EnumOption, type FieldDef, type FieldType } from '../../../shared/contract/schemas'
import { AppError } from '../../../shared/errors'
import type { JsonSchemaDocument } from './dataSchema'

type Json = Record<string, unknown>

const REF_PREFIX = '#/definitions/'

/**
 * jsonSchema.properties -> a typed field list, and back, losslessly: every attribute we do not model
 * (or that has a shape we do not expect) rides along in `extra`, so writing a schema back never drops
 * what another tool put there.
 */
export function parseFields(doc: JsonSchemaDocument): FieldDef[] {
  const required = new Set(doc.required ?? [])
  const unknown: string[] = []
  const fields: FieldDef[] = []
  for (const [key, raw] of Object.entries(doc.properties ?? {})) {
    const field = isObject(raw) ? parseField(key, raw, required.has(key)) : undefined
    if (field) fields.push(field)
    else unknown.push(key)
  }
  if (unknown.length > 0) {
    throw new AppError({
      code: 'invalid_input',
      message: `Switchboard cannot read ${unknown.length === 1 ? 'the field' : 'the fields'} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}: the type is not one of the custom-field core types.`,
      hint: 'Each field needs allOf: [{"$ref": "#/definitions/<type>"}] with a type such as text, enum or tag. Nothing was changed.',
    })
  }
  return fields
}

/** The document to send: the base document's other attributes, these fields, and `required` in the base's order. */
export function toJsonSchema(base: JsonSchemaDocument, fields: FieldDef[]): JsonSchemaDocument {
  const requiredNow = new Set(fields.filter((f) => f.required).map((f) => f.key))
  const kept = (base.required ?? []).filter((key) => requiredNow.delete(key))
  const hadRequired = base.required !== undefined
  const required = [...kept, ...requiredNow]
  return {
    ...base,
    properties: Object.fromEntries(fields.map((f) => [f.key, toProperty(f)])),
    ...(hadRequired || required.length > 0 ? { required } : {}),
  }
}

export function typeOfProperty(property: Json): FieldType | undefined {
  const allOf = property.allOf
  if (!Array.isArray(allOf) || allOf.length !== 1 || !isObject(allOf[0])) return undefined
  const keys = Object.keys(allOf[0])
  const ref = allOf[0].$ref
  if (keys.length !== 1 || typeof ref !== 'string' || !ref.startsWith(REF_PREFIX)) return undefined
  const type = ref.slice(REF_PREFIX.length)
  return (FIELD_TYPES as readonly string[]).includes(type) ? (type as FieldType) : undefined
}

function parseField(key: string, property: Json, required: boolean): FieldDef | undefined {
  const type = typeOfProperty(property)
  if (!type) return undefined
  const suffix = `_${type}`
  const field: FieldDef = {
    key,
    name: key.endsWith(suffix) && key.length > suffix.length ? key.slice(0, -suffix.length) : key,
    type,
    required,
  }
  const extra: Json = {}
  const rest = { ...property }
  delete rest.allOf
  takeString(rest, 'title', (v) => (field.title = v))
  takeString(rest, 'description', (v) => (field.description = v))
  takeCount(rest, 'minLength', (v) => (field.minLength = v))
  takeCount(rest, 'maxLength', (v) => (field.maxLength = v))
  takeNumber(rest, 'minimum', (v) => (field.minimum = v))
  takeNumber(rest, 'maximum', (v) => (field.maximum = v))
  takeCount(rest, 'minItems', (v) => (field.minItems = v))
  takeCount(rest, 'maxItems', (v) => (field.maxItems = v))
  if (typeof rest.uniqueItems === 'boolean') {
    field.uniqueItems = rest.uniqueItems
    delete rest.uniqueItems
  }
  takeOptions(rest, field)
  takeItems(rest, field)
  Object.assign(extra, rest)
  if (Object.keys(extra).length > 0) field.extra = extra
  return field
}

export function toProperty(field: FieldDef): Json {
  const property: Json = { allOf: [{ $ref: `${REF_PREFIX}${field.type}` }] }
  if (field.title !== undefined) property.title = field.title
  if (field.description !== undefined) property.description = field.description
  for (const name of ['minLength', 'maxLength', 'minimum', 'maximum'] as const) {
    if (field[name] !== undefined) property[name] = field[name]
  }
  if (field.options) Object.assign(property, optionsToJson(field.options))
  if (field.itemMinLength !== undefined || field.itemMaxLength !== undefined) {
    property.items = {
      ...(field.itemMinLength !== undefined ? { minLength: field.itemMinLength } : {}),
      ...(field.itemMaxLength !== undefined ? { maxLength: field.itemMaxLength } : {}),
    }
  }
  for (const name of ['minItems', 'maxItems', 'uniqueItems'] as const) {
    if (field[name] !== undefined) property[name] = field[name]
  }
  return { ...property, ...structuredClone(field.extra ?? {}) }
}

/** enum + _enumProperties become options when they describe each other exactly; otherwise _enumProperties stays verbatim. */
function takeOptions(rest: Json, field: FieldDef): void {
  const values = rest.enum
  if (
    !Array.isArray(values) ||
    !values.every((v): v is string => typeof v === 'string' && v.length > 0) ||
    new Set(values).size !== values.length
  )
    return
  delete rest.enum
  const options: EnumOption[] = values.map((value) => ({ value }))
  const properties = rest._enumProperties
  if (isObject(properties) && describesExactly(properties, values)) {
    delete rest._enumProperties
    for (const option of options) {
      const entry = properties[option.value] as Json
      option.title = entry.title as string
      if (typeof entry._disabled === 'boolean') option.disabled = entry._disabled
    }
  }
  field.options = options
}

function describesExactly(properties: Json, values: string[]): boolean {
  const keys = Object.keys(properties)
  if (keys.length !== values.length || !values.every((v) => Object.prototype.hasOwnProperty.call(properties, v))) return false
  return keys.every((k) => {
    const entry = properties[k]
    if (!isObject(entry) || typeof entry.title !== 'string') return false
    const extraKeys = Object.keys(entry).filter((name) => name !== 'title' && name !== '_disabled')
    return extraKeys.length === 0 && (entry._disabled === undefined || typeof entry._disabled === 'boolean')
  })
}

function optionsToJson(options: EnumOption[]): Json {
  const json: Json = { enum: options.map((o) => o.value) }
  if (options.length > 0 && options.every((o) => o.title !== undefined)) {
    json._enumProperties = Object.fromEntries(
      options.map((o) => [o.value, { title: o.title, ...(o.disabled !== undefined ? { _disabled: o.disabled } : {}) }]),
    )
  }
  return json
}

function takeItems(rest: Json, field: FieldDef): void {
  const items = rest.items
  if (!isObject(items)) return
  const keys = Object.keys(items)
  const simple = keys.length > 0 && keys.every((k) => (k === 'minLength' || k === 'maxLength') && isCount(items[k]))
  if (!simple) return
  delete rest.items
  if (items.minLength !== undefined) field.itemMinLength = items.minLength as number
  if (items.maxLength !== undefined) field.itemMaxLength = items.maxLength as number
}

function takeString(rest: Json, name: string, set: (value: string) => void): void {
  if (typeof rest[name] !== 'string') return
  set(rest[name])
  delete rest[name]
}

function takeNumber(rest: Json, name: string, set: (value: number) => void): void {
  if (typeof rest[name] !== 'number' || !Number.isFinite(rest[name])) return
  set(rest[name])
  delete rest[name]
}

function takeCount(rest: Json, name: string, set: (value: number) => void): void {
  if (!isCount(rest[name])) return
  set(rest[name] as number)
  delete rest[name]
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
