import type { FieldChange, FieldDef } from '../../../shared/contract/schemas'
import { matchFields, pairId } from './matchFields'

/**
 * The field list to send: the base with only the ticked changes applied. Unticked changes leave the
 * base field as it was; ticked additions go after the base fields, in the proposal's order.
 */
export function buildTarget(base: FieldDef[], proposed: FieldDef[], changes: FieldChange[], ticked: ReadonlySet<string>): FieldDef[] {
  const changed = new Set(changes.map((c) => c.id))
  const target: FieldDef[] = []
  const additions: FieldDef[] = []
  for (const pair of matchFields(base, proposed)) {
    const id = pairId(pair)
    const apply = changed.has(id) && ticked.has(id)
    if (pair.before) {
      const kept = apply ? pair.after : pair.before
      if (kept) target.push(kept)
    } else if (pair.after && apply) {
      additions.push(pair.after)
    }
  }
  return [...target, ...additions]
}
