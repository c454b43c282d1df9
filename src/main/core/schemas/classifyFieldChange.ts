import { isDeepStrictEqual } from 'node:util'
import {
  CLASSIFICATION_ORDER,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  TYPE_MAX_LENGTH,
  type AttributeChange,
  type Classification,
  type EnumOption,
  type FieldDef,
  type FieldType,
} from '../../../shared/contract/schemas'
import { CONSTRAINT_CHANGES, type ConstraintKind } from './constraintChangeTable'
import { TYPE_CHANGES } from './typeChangeTable'

/**
 * What one field's change does to existing records: one AttributeChange per thing that changed, each
 * classified by the tables (typeChangeTable for types, constraintChangeTable for everything else).
 */
export function classifyFieldChange(before: FieldDef | undefined, after: FieldDef | undefined): AttributeChange[] {
  if (!before && after) return [rule(after.required ? 'field.added.required' : 'field.added', 'field')]
  if (before && !after) return [rule('field.removed', 'field')]
  if (!before || !after) return []
  return [
    ...typeChange(before, after),
    ...textChanges(before, after),
    ...requiredChange(before, after),
    ...boundChanges(before, after),
    ...optionChanges(before.options ?? [], after.options ?? []),
    ...extraChanges(before, after),
  ]
}

export function worstOf(changes: { classification: Classification }[]): Classification {
  let worst = 0
  for (const change of changes) worst = Math.max(worst, CLASSIFICATION_ORDER.indexOf(change.classification))
  return CLASSIFICATION_ORDER[worst]
}

function rule(kind: ConstraintKind, attribute: string, from?: unknown, to?: unknown): AttributeChange {
  const { classification, reason } = CONSTRAINT_CHANGES[kind]
  return { attribute, kind, classification, reason, ...shown(from, to) }
}

function typeChange(before: FieldDef, after: FieldDef): AttributeChange[] {
  if (before.type === after.type) return []
  const entry = TYPE_CHANGES[before.type][after.type]
  if (!entry) return []
  // The key changes with the type, so like a removal it hides existing data: destructive, typed confirmation.
  const reason =
    `The key changes from ${before.key} to ${after.key} (the type is part of it): ` +
    `values stored under ${before.key} will no longer be shown; ${entry.reason}.`
  return [{ attribute: 'type', kind: 'type.changed', from: before.type, to: after.type, classification: 'destructive', reason }]
}

function textChanges(before: FieldDef, after: FieldDef): AttributeChange[] {
  const changes: AttributeChange[] = []
  if (before.title !== after.title) changes.push(rule('title.changed', 'title', before.title, after.title))
  if (before.description !== after.description)
    changes.push(rule('description.changed', 'description', before.description, after.description))
  return changes
}

function requiredChange(before: FieldDef, after: FieldDef): AttributeChange[] {
  if (before.required === after.required) return []
  return [rule(after.required ? 'required.on' : 'required.off', 'required', before.required, after.required)]
}

type Bound = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'itemMinLength' | 'itemMaxLength' | 'minItems' | 'maxItems'

/** A bound that is absent means the type's own (no minimum, the type's maximum length, 10 tags...). */
function effective(field: FieldDef, bound: Bound): number | undefined {
  const value = field[bound]
  if (value !== undefined) return value
  switch (bound) {
    case 'minLength':
    case 'itemMinLength':
    case 'minItems':
      return 0
    case 'maxLength':
      return TYPE_MAX_LENGTH[field.type] ?? Infinity
    case 'itemMaxLength':
      return MAX_TAG_LENGTH
    case 'maxItems':
      return MAX_TAGS
    case 'minimum':
      return -Infinity
    case 'maximum':
      return Infinity
  }
}

const BOUNDS_OF: Record<string, Bound[]> = {
  length: ['minLength', 'maxLength'],
  numeric: ['minimum', 'maximum'],
  tag: ['itemMinLength', 'itemMaxLength', 'minItems', 'maxItems'],
}

function familyOf(type: FieldType): keyof typeof BOUNDS_OF | undefined {
  if (TYPE_MAX_LENGTH[type] !== undefined) return 'length'
  if (type === 'integer' || type === 'number') return 'numeric'
  if (type === 'tag') return 'tag'
  return undefined
}

/** Bounds are compared when both types have them (text -> identifier keeps its lengths; text -> integer has none to compare). */
function boundChanges(before: FieldDef, after: FieldDef): AttributeChange[] {
  const family = familyOf(after.type)
  if (!family || family !== familyOf(before.type)) return []
  const changes: AttributeChange[] = []
  for (const bound of BOUNDS_OF[family]) {
    const from = effective(before, bound) as number
    const to = effective(after, bound) as number
    if (from === to) continue
    const kind = `${bound}.${to > from ? 'raised' : 'lowered'}` as ConstraintKind
    changes.push(rule(kind, bound, before[bound] ?? describeDefault(from), after[bound] ?? describeDefault(to)))
  }
  if (family === 'tag' && Boolean(before.uniqueItems) !== Boolean(after.uniqueItems)) {
    changes.push(
      rule(
        after.uniqueItems ? 'uniqueItems.on' : 'uniqueItems.off',
        'uniqueItems',
        Boolean(before.uniqueItems),
        Boolean(after.uniqueItems),
      ),
    )
  }
  return changes
}

function describeDefault(value: number): string {
  return Number.isFinite(value) ? `${value} (type default)` : 'none'
}

function optionChanges(before: EnumOption[], after: EnumOption[]): AttributeChange[] {
  const changes: AttributeChange[] = []
  const afterByValue = new Map(after.map((o) => [o.value, o]))
  const beforeValues = new Set(before.map((o) => o.value))
  const removed = before.filter((o) => !afterByValue.has(o.value))
  const added = after.filter((o) => !beforeValues.has(o.value))
  for (const old of removed) {
    const renamedTo = old.title !== undefined ? added.find((o) => o.title === old.title) : undefined
    if (renamedTo) {
      added.splice(added.indexOf(renamedTo), 1)
      changes.push(rule('option.renamed', `option ${old.value}`, old.value, renamedTo.value))
    } else {
      changes.push(rule('option.removed', `option ${old.value}`, old.value, undefined))
    }
  }
  for (const option of added) changes.push(rule('option.added', `option ${option.value}`, undefined, option.value))
  for (const old of before) {
    const now = afterByValue.get(old.value)
    if (!now) continue
    if (old.title !== now.title) changes.push(rule('option.retitled', `option ${old.value}`, old.title, now.title))
    if (Boolean(old.disabled) !== Boolean(now.disabled))
      changes.push(
        rule(now.disabled ? 'option.disabled' : 'option.enabled', `option ${old.value}`, Boolean(old.disabled), Boolean(now.disabled)),
      )
  }
  const keptBefore = before.filter((o) => afterByValue.has(o.value)).map((o) => o.value)
  const keptAfter = after.filter((o) => beforeValues.has(o.value)).map((o) => o.value)
  if (keptBefore.join('\u0000') !== keptAfter.join('\u0000')) changes.push(rule('options.reordered', 'options'))
  return changes
}

function extraChanges(before: FieldDef, after: FieldDef): AttributeChange[] {
  const a = before.extra ?? {}
  const b = after.extra ?? {}
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return names.filter((name) => !isDeepStrictEqual(a[name], b[name])).map((name) => rule('attribute.changed', name, a[name], b[name]))
}

function shown(from: unknown, to: unknown): { from?: string; to?: string } {
  const text = (value: unknown) =>
    value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value)?.slice(0, 200)
  const result: { from?: string; to?: string } = {}
  const f = text(from)
  const t = text(to)
  if (f !== undefined) result.from = f
  if (t !== undefined) result.to = t
  return result
}
