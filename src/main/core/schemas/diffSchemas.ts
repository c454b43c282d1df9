import type { FieldChange, FieldDef } from '../../../shared/contract/schemas'
import { classifyFieldChange, worstOf } from './classifyFieldChange'
import { matchFields, pairId } from './matchFields'

/** The field-level diff of two versions: one FieldChange per field added, removed or changed. */
export function diffSchemas(before: FieldDef[], after: FieldDef[]): FieldChange[] {
  const changes: FieldChange[] = []
  for (const pair of matchFields(before, after)) {
    const attributes = classifyFieldChange(pair.before, pair.after)
    if (attributes.length === 0) continue
    const classification = worstOf(attributes)
    const worst = attributes.find((a) => a.classification === classification)!
    changes.push({
      id: pairId(pair),
      name: (pair.after ?? pair.before)!.name,
      kind: !pair.before ? 'added' : !pair.after ? 'removed' : 'changed',
      classification,
      reason: worst.reason,
      ...(pair.before ? { before: pair.before } : {}),
      ...(pair.after ? { after: pair.after } : {}),
      attributes,
    })
  }
  return changes
}
