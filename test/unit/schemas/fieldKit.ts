import { fieldKey, type FieldDef, type FieldType } from '../../../src/shared/contract/schemas'

/** A field as the sandbox seeds write them, with overrides. */
export function field(name: string, type: FieldType, overrides: Partial<FieldDef> = {}): FieldDef {
  const base: FieldDef = { key: fieldKey(name, type), name, type, title: name.replace(/_/g, ' '), required: false }
  if (type === 'text' || type === 'identifier') Object.assign(base, { minLength: 0, maxLength: 100 })
  if (type === 'longtext') Object.assign(base, { minLength: 0, maxLength: 1000 })
  if (type === 'url') Object.assign(base, { minLength: 0, maxLength: 200 })
  if (type === 'integer' || type === 'number') Object.assign(base, { minimum: 0, maximum: 1000 })
  if (type === 'enum')
    base.options = [
      { value: 'low', title: 'Low' },
      { value: 'high', title: 'High' },
    ]
  if (type === 'tag') Object.assign(base, { itemMinLength: 1, itemMaxLength: 100, minItems: 0, maxItems: 10, uniqueItems: true })
  return { ...base, ...overrides }
}

/** The same field with a new type: the key follows the type, type-specific bounds are reset. */
export function retyped(f: FieldDef, type: FieldType): FieldDef {
  const fresh = field(f.name, type)
  return { ...fresh, title: f.title, description: f.description, required: f.required }
}
