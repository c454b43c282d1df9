import type { FieldDef } from '../../../shared/contract/schemas'

export interface FieldPair {
  before?: FieldDef
  after?: FieldDef
}

/**
 * Pairs the fields of two versions: first by key; then a key that vanished and a key that appeared
 * with the same name are one field whose type changed (age_text -> age_integer). Order: the first
 * list's, then what only the second has.
 */
export function matchFields(before: FieldDef[], after: FieldDef[]): FieldPair[] {
  const afterByKey = new Map(after.map((f) => [f.key, f]))
  const beforeKeys = new Set(before.map((f) => f.key))
  const appeared = after.filter((f) => !beforeKeys.has(f.key))
  const appearedByName = groupByName(appeared)
  const vanishedByName = groupByName(before.filter((f) => !afterByKey.has(f.key)))
  const usedAfter = new Set<string>()
  const pairs: FieldPair[] = before.map((field) => {
    const same = afterByKey.get(field.key)
    if (same) return { before: field, after: same }
    const candidates = appearedByName.get(field.name) ?? []
    const retyped = candidates.length === 1 && vanishedByName.get(field.name)?.length === 1 ? candidates[0] : undefined
    if (retyped) usedAfter.add(retyped.key)
    return { before: field, after: retyped }
  })
  for (const field of appeared) if (!usedAfter.has(field.key)) pairs.push({ after: field })
  return pairs
}

/** The name two sides of a pair share (the key before a type change, for a stable id). */
export function pairId(pair: FieldPair): string {
  return (pair.before ?? pair.after)!.key
}

function groupByName(fields: FieldDef[]): Map<string, FieldDef[]> {
  const groups = new Map<string, FieldDef[]>()
  for (const field of fields) groups.set(field.name, [...(groups.get(field.name) ?? []), field])
  return groups
}
