import type { Classification } from '../../../shared/contract/schemas'

export interface ConstraintRule {
  classification: Classification
  reason: string
}

const safe = (reason: string): ConstraintRule => ({ classification: 'safe', reason })
const dataDependent = (reason: string): ConstraintRule => ({ classification: 'data-dependent', reason })
const destructive = (reason: string): ConstraintRule => ({ classification: 'destructive', reason })

/**
 * Every change to a field other than its type, with what it does to existing records. The keys are
 * the `kind` of an AttributeChange; the unit test builds one change per row and checks its class.
 */
export const CONSTRAINT_CHANGES = {
  'field.added': safe('A new optional field: existing records simply have no value for it.'),
  'field.added.required': dataDependent(
    'A new required field: existing records have no value, so they fail validation when next saved (the platform may refuse a new field that is required at once).',
  ),
  'field.removed': destructive(
    'The values of this field in existing records are no longer part of the schema: agents, flows and searches lose them.',
  ),
  'title.changed': safe('Only the label agents see changes; stored values stay as they are.'),
  'description.changed': safe('Only the help text changes; stored values stay as they are.'),
  'required.on': dataDependent('Records without a value fail validation when they are next saved.'),
  'required.off': safe('Every existing record still passes; new records may leave it empty.'),
  'minLength.raised': dataDependent('Existing values shorter than the new minimum no longer pass.'),
  'minLength.lowered': safe('Every existing value still passes.'),
  'maxLength.lowered': dataDependent('Existing values longer than the new maximum no longer pass and may be cut or refused when saved.'),
  'maxLength.raised': safe('Every existing value still fits.'),
  'minimum.raised': dataDependent('Existing values below the new minimum no longer pass.'),
  'minimum.lowered': safe('Every existing value is still in range.'),
  'maximum.lowered': dataDependent('Existing values above the new maximum no longer pass.'),
  'maximum.raised': safe('Every existing value is still in range.'),
  'option.added': safe('A new choice; existing values stay valid.'),
  'option.removed': dataDependent('Records holding this option no longer pass validation when next saved.'),
  'option.renamed': dataDependent('The stored value changes: records holding the old value no longer match any option.'),
  'option.retitled': safe('Only the label of the option changes; the stored value stays.'),
  'option.disabled': safe('Agents can no longer choose it; records that hold it keep their value.'),
  'option.enabled': safe('Agents can choose it again; nothing stored changes.'),
  'options.reordered': safe('Only the order in the drop-down changes.'),
  'itemMinLength.raised': dataDependent('Existing tags shorter than the new minimum no longer pass.'),
  'itemMinLength.lowered': safe('Every existing tag still passes.'),
  'itemMaxLength.lowered': dataDependent('Existing tags longer than the new maximum no longer pass.'),
  'itemMaxLength.raised': safe('Every existing tag still fits.'),
  'minItems.raised': dataDependent('Records with fewer tags than the new minimum no longer pass.'),
  'minItems.lowered': safe('Every existing record still passes.'),
  'maxItems.lowered': dataDependent('Records with more tags than the new maximum no longer pass.'),
  'maxItems.raised': safe('Every existing record still fits.'),
  'uniqueItems.on': dataDependent('Records holding the same tag twice no longer pass.'),
  'uniqueItems.off': safe('Every existing record still passes.'),
  'attribute.changed': dataDependent(
    'Switchboard does not model this attribute, so its effect on existing records is unknown: check it before applying.',
  ),
} as const satisfies Record<string, ConstraintRule>

export type ConstraintKind = keyof typeof CONSTRAINT_CHANGES
