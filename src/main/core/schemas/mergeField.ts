import type { EnumOption, FieldDef } from '../../../shared/contract/schemas'
import { sameValue } from './sameValue'

export type FieldMerge = { ok: true; field: FieldDef } | { ok: false; reason: string }

type Attribute = Exclude<keyof FieldDef, 'key' | 'name' | 'type' | 'options' | 'extra'>
const ATTRIBUTES: Attribute[] = [
  'title',
  'description',
  'required',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'itemMinLength',
  'itemMaxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
]

/**
 * Three-way merge of one field both admins changed: each attribute takes the side that changed it;
 * an attribute both changed differently is a conflict, and so is a type change on one side with any
 * other change on the other (the other change was made for the old type).
 */
export function mergeField(base: FieldDef, theirs: FieldDef, mine: FieldDef): FieldMerge {
  const theirType = base.type !== theirs.type
  const myType = base.type !== mine.type
  if (theirType || myType) {
    if (theirType && myType && theirs.type !== mine.type)
      return conflict(`They changed the type to ${theirs.type}; you changed it to ${mine.type}.`)
    if (!(theirType && myType))
      return conflict(
        theirType
          ? `They changed the type to ${theirs.type}; your other changes were made for ${base.type}.`
          : `You changed the type to ${mine.type}; they changed the field as ${base.type}.`,
      )
  }
  const merged: FieldDef = { ...theirs }
  const clashes: string[] = []
  for (const attribute of ATTRIBUTES) {
    const pick = threeWay(base[attribute], theirs[attribute], mine[attribute])
    if (pick === CLASH) clashes.push(`${attribute} (they: ${shown(theirs[attribute])}, you: ${shown(mine[attribute])})`)
    else setAttribute(merged, attribute, pick)
  }
  const options = mergeOptions(base.options, theirs.options, mine.options)
  if (options === CLASH) clashes.push('options (both changed the same option differently)')
  else if (options === undefined) delete merged.options
  else merged.options = options
  const extra = mergeExtra(base.extra ?? {}, theirs.extra ?? {}, mine.extra ?? {})
  if (extra === CLASH) clashes.push('other attributes')
  else if (Object.keys(extra).length === 0) delete merged.extra
  else merged.extra = extra
  return clashes.length > 0 ? conflict(`Both changed ${clashes.join('; ')}.`) : { ok: true, field: merged }
}

const CLASH = Symbol('clash')

function threeWay<T>(base: T, theirs: T, mine: T): T | typeof CLASH {
  if (sameValue(theirs, mine) || sameValue(base, mine)) return theirs
  if (sameValue(base, theirs)) return mine
  return CLASH
}

function setAttribute(field: FieldDef, attribute: Attribute, value: unknown): void {
  const record = field as Record<string, unknown>
  if (value === undefined) delete record[attribute]
  else record[attribute] = value
}

/** Options merge by value: additions from both sides, theirs' order first. */
function mergeOptions(base?: EnumOption[], theirs?: EnumOption[], mine?: EnumOption[]): EnumOption[] | undefined | typeof CLASH {
  if (!theirs || !mine) return threeWay(base, theirs, mine)
  const byValue = (list?: EnumOption[]) => new Map((list ?? []).map((o) => [o.value, o]))
  const [b, t, m] = [byValue(base), byValue(theirs), byValue(mine)]
  const order = [...theirs.map((o) => o.value), ...mine.map((o) => o.value).filter((v) => !t.has(v) && !b.has(v))]
  const merged: EnumOption[] = []
  for (const value of [...new Set([...order, ...b.keys()])]) {
    const pick = threeWay(b.get(value), t.get(value), m.get(value))
    if (pick === CLASH) return CLASH
    if (pick) merged.push(pick)
  }
  const position = new Map(order.map((v, i) => [v, i]))
  return merged.sort((x, y) => (position.get(x.value) ?? Infinity) - (position.get(y.value) ?? Infinity))
}

function mergeExtra(
  base: Record<string, unknown>,
  theirs: Record<string, unknown>,
  mine: Record<string, unknown>,
): Record<string, unknown> | typeof CLASH {
  const merged: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(base), ...Object.keys(theirs), ...Object.keys(mine)])) {
    const pick = threeWay(base[key], theirs[key], mine[key])
    if (pick === CLASH) return CLASH
    if (pick !== undefined) merged[key] = pick
  }
  return merged
}

function shown(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value)
}

function conflict(reason: string): FieldMerge {
  return { ok: false, reason }
}
