import type { FieldDef, RebaseInfo, SchemaConflict } from '../../../shared/contract/schemas'
import { diffSchemas } from './diffSchemas'
import { matchFields } from './matchFields'
import { mergeField } from './mergeField'
import { sameValue } from './sameValue'

export interface RebaseResult {
  /** Theirs with our changes replayed; a conflicted field stays as theirs until the admin decides. */
  fields: FieldDef[]
  info: Omit<RebaseInfo, 'baseVersion' | 'theirVersion'>
}

/**
 * Three-way rebase after a 409. base: what we read; theirs: the server now; mine: base with the ticked
 * changes. Changes to different fields (or different attributes of one field) both survive; the same
 * thing changed both ways is a conflict for the admin. Their change is never overwritten silently.
 */
export function rebase(base: FieldDef[], theirs: FieldDef[], mine: FieldDef[]): RebaseResult {
  const theirsOf = sideByBaseKey(base, theirs)
  const mineOf = sideByBaseKey(base, mine)
  const replaced = new Map<string, FieldDef | undefined>()
  const conflicts: SchemaConflict[] = []
  const merged: string[] = []

  for (const field of base) {
    const t = theirsOf.of.get(field.key)
    const m = mineOf.of.get(field.key)
    if (sameValue(field, m) || sameValue(t, m)) continue
    const target = t?.key ?? field.key
    if (sameValue(field, t)) {
      replaced.set(target, m)
      continue
    }
    if (!t || !m) {
      conflicts.push({
        name: field.name,
        base: field,
        theirs: t,
        mine: m,
        reason: !t ? 'They removed this field; you changed it.' : 'You removed this field; they changed it.',
      })
      continue
    }
    const result = mergeField(field, t, m)
    if (result.ok) {
      replaced.set(target, result.field)
      merged.push(field.name)
    } else {
      conflicts.push({ name: field.name, base: field, theirs: t, mine: m, reason: result.reason })
    }
  }

  const fields = applyReplacements(theirs, replaced)
  for (const added of mineOf.added) {
    const clash = fields.find((f) => f.key === added.key || f.name === added.name)
    if (!clash) fields.push(added)
    else if (!sameValue(clash, added))
      conflicts.push({ name: added.name, theirs: clash, mine: added, reason: 'You both added a field with this name, differently.' })
  }
  const theirChanges = diffSchemas(base, theirs).map((c) => ({ name: c.name, kind: c.kind }))
  return { fields, info: { theirChanges, merged, conflicts } }
}

function sideByBaseKey(base: FieldDef[], side: FieldDef[]): { of: Map<string, FieldDef | undefined>; added: FieldDef[] } {
  const of = new Map<string, FieldDef | undefined>()
  const added: FieldDef[] = []
  for (const pair of matchFields(base, side)) {
    if (pair.before) of.set(pair.before.key, pair.after)
    else if (pair.after) added.push(pair.after)
  }
  return { of, added }
}

/** Theirs in their order, with our version of the fields we changed (and without those we removed). */
function applyReplacements(theirs: FieldDef[], replaced: Map<string, FieldDef | undefined>): FieldDef[] {
  return theirs.flatMap((field) => {
    if (!replaced.has(field.key)) return [field]
    const next = replaced.get(field.key)
    return next ? [next] : []
  })
}
