import {
  fieldKey,
  FIELD_NAME_PATTERN,
  type EnumOption,
  type FieldDef,
  type FieldType,
  type SchemaConflict,
} from '../../../../shared/contract/schemas'

/** Pure edits of a proposed field list; the editor never mutates. */

export function replaceField(fields: FieldDef[], key: string, next: FieldDef | undefined): FieldDef[] {
  const index = fields.findIndex((f) => f.key === key)
  if (index < 0) return next ? [...fields, next] : fields
  const copy = [...fields]
  if (next) copy[index] = next
  else copy.splice(index, 1)
  return copy
}

/** A new type means a new key, and the old type's bounds no longer apply. */
export function withType(field: FieldDef, type: FieldType): FieldDef {
  const next: FieldDef = { key: fieldKey(field.name, type), name: field.name, type, required: field.required }
  if (field.title !== undefined) next.title = field.title
  if (field.description !== undefined) next.description = field.description
  if (type === 'enum') next.options = field.options ?? [{ value: 'option_1', title: 'Option 1' }]
  return next
}

export function newField(name: string, type: FieldType, title: string): FieldDef {
  return withType({ key: fieldKey(name, type), name, type, title, required: false }, type)
}

export function nameProblem(name: string, fields: FieldDef[]): string | undefined {
  if (!name) return 'Give the field a name.'
  if (!FIELD_NAME_PATTERN.test(name)) return 'Lower-case letters, digits and _ only, starting with a letter.'
  if (fields.some((f) => f.name === name)) return `A field named ${name} is already in the proposal.`
  return undefined
}

/** A number input's text: empty means "no bound". */
export function boundValue(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

export function setBound<K extends keyof FieldDef>(field: FieldDef, name: K, value: FieldDef[K] | undefined): FieldDef {
  const next = { ...field }
  if (value === undefined || value === '') delete next[name]
  else next[name] = value
  return next
}

export function nextOption(options: EnumOption[]): EnumOption {
  let n = options.length + 1
  while (options.some((o) => o.value === `option_${n}`)) n++
  return { value: `option_${n}`, title: `Option ${n}` }
}

/** After a decision on a conflict: their field, or ours, in the rebased proposal. */
export function decideConflict(fields: FieldDef[], conflict: SchemaConflict, choice: 'theirs' | 'mine'): FieldDef[] {
  const keys = [conflict.theirs?.key, conflict.mine?.key, conflict.base?.key].filter((k): k is string => Boolean(k))
  const position = fields.findIndex((f) => keys.includes(f.key))
  const without = fields.filter((f) => !keys.includes(f.key))
  const chosen = choice === 'mine' ? conflict.mine : conflict.theirs
  if (!chosen) return without
  if (position < 0) return [...without, chosen]
  return [...without.slice(0, position), chosen, ...without.slice(position)]
}
