import { FIELD_TYPE_LABELS, TYPE_MAX_LENGTH, type FieldDef } from '../../../../shared/contract/schemas'

/** One line that says what a field accepts: type, bounds, options, required. */
export function fieldSummary(field: FieldDef): string {
  const parts: string[] = [FIELD_TYPE_LABELS[field.type]]
  if (TYPE_MAX_LENGTH[field.type] !== undefined) {
    const max = field.maxLength ?? TYPE_MAX_LENGTH[field.type]
    parts.push(field.minLength ? `${field.minLength}–${max} chars` : `max ${max} chars`)
  }
  if (field.type === 'integer' || field.type === 'number') {
    if (field.minimum !== undefined || field.maximum !== undefined) parts.push(`${field.minimum ?? '−∞'} to ${field.maximum ?? '∞'}`)
  }
  if (field.type === 'enum') {
    const options = field.options ?? []
    const shown = options.slice(0, 6).map((o) => o.title ?? o.value)
    parts.push(`${options.length} option${options.length === 1 ? '' : 's'}: ${shown.join(', ')}${options.length > 6 ? ', …' : ''}`)
  }
  if (field.type === 'tag') parts.push(`up to ${field.maxItems ?? 10} tags of ${field.itemMaxLength ?? 100} chars`)
  parts.push(field.required ? 'required' : 'optional')
  return parts.join(' · ')
}
