import {
  FIELD_NAME_PATTERN,
  fieldKey,
  MAX_ENUM_OPTION_LENGTH,
  MAX_ENUM_OPTIONS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  TYPE_MAX_LENGTH,
  type FieldDef,
  type LimitViolation,
  type SchemaLimits,
} from '../../../shared/contract/schemas'

export interface LimitContext {
  /** Custom fields in the org's other schemas, for maxNumberOfFieldsPerOrg. */
  fieldsElsewhere?: number
  /** Keys already on the server: their naming is the platform's business, not ours to re-judge. */
  existingKeys?: ReadonlySet<string>
}

/** Everything in a proposed field list that the org's limits (GET .../limits) or the types' own limits refuse. */
export function checkLimits(fields: FieldDef[], limits: SchemaLimits, context: LimitContext = {}): LimitViolation[] {
  return [
    ...countViolations(fields, limits, context),
    ...duplicateViolations(fields),
    ...fields.flatMap((f) => fieldViolations(f, limits, context)),
  ]
}

function countViolations(fields: FieldDef[], limits: SchemaLimits, context: LimitContext): LimitViolation[] {
  const violations: LimitViolation[] = []
  const perSchema = limits.maxNumberOfFieldsPerSchema
  if (perSchema !== undefined && fields.length > perSchema) {
    violations.push({
      rule: 'maxNumberOfFieldsPerSchema',
      message: `${fields.length} fields: the org allows at most ${perSchema} per schema.`,
    })
  }
  const perOrg = limits.maxNumberOfFieldsPerOrg
  const total = fields.length + (context.fieldsElsewhere ?? 0)
  if (perOrg !== undefined && total > perOrg) {
    violations.push({
      rule: 'maxNumberOfFieldsPerOrg',
      message: `${total} custom fields across the org's schemas: the org allows at most ${perOrg}.`,
    })
  }
  return violations
}

function duplicateViolations(fields: FieldDef[]): LimitViolation[] {
  const violations: LimitViolation[] = []
  const seenKeys = new Set<string>()
  const seenNames = new Map<string, string>()
  for (const field of fields) {
    if (seenKeys.has(field.key)) violations.push({ rule: 'uniqueKey', field: field.key, message: `Two fields have the key ${field.key}.` })
    else if (seenNames.has(field.name))
      violations.push({
        rule: 'uniqueName',
        field: field.key,
        message: `Two fields are named ${field.name} (${seenNames.get(field.name)} and ${field.key}): give one another name.`,
      })
    seenKeys.add(field.key)
    if (!seenNames.has(field.name)) seenNames.set(field.name, field.key)
  }
  return violations
}

function fieldViolations(field: FieldDef, limits: SchemaLimits, context: LimitContext): LimitViolation[] {
  const out: LimitViolation[] = []
  const add = (rule: string, message: string) => out.push({ rule, field: field.key, message })
  const isNew = !context.existingKeys?.has(field.key)
  if (isNew && (!FIELD_NAME_PATTERN.test(field.name) || field.key !== fieldKey(field.name, field.type))) {
    add('fieldKey', `${field.key}: a field's key is a lower-case name (letters, digits, _) followed by _${field.type}.`)
  }
  between(field.key.length, limits.minFieldNameCharacters, limits.maxFieldNameCharacters, (min, max) =>
    add('fieldNameCharacters', `${field.key}: the key must have ${min} to ${max} characters.`),
  )
  between((field.title ?? '').length, limits.minFieldTitleCharacters, limits.maxFieldTitleCharacters, (min, max) =>
    add('fieldTitleCharacters', `${field.key}: the label must have ${min} to ${max} characters.`),
  )
  if (field.description !== undefined) {
    between(field.description.length, limits.minFieldDescriptionCharacters, limits.maxFieldDescriptionCharacters, (min, max) =>
      add('fieldDescriptionCharacters', `${field.key}: the description must have ${min} to ${max} characters.`),
    )
  }
  typeViolations(field, add)
  return out
}

function typeViolations(field: FieldDef, add: (rule: string, message: string) => void): void {
  const typeMax = TYPE_MAX_LENGTH[field.type]
  if (typeMax !== undefined) {
    if (field.maxLength !== undefined && (field.maxLength < 1 || field.maxLength > typeMax))
      add('typeMaxLength', `${field.key}: a ${field.type} field holds at most ${typeMax} characters (maximum length 1 to ${typeMax}).`)
    if ((field.minLength ?? 0) > (field.maxLength ?? typeMax)) add('minAboveMax', `${field.key}: the minimum length is above the maximum.`)
  }
  if (
    (field.type === 'integer' || field.type === 'number') &&
    field.minimum !== undefined &&
    field.maximum !== undefined &&
    field.minimum > field.maximum
  ) {
    add('minAboveMax', `${field.key}: the minimum is above the maximum.`)
  }
  if (field.type === 'enum') enumViolations(field, add)
  if (field.type === 'tag') tagViolations(field, add)
}

function enumViolations(field: FieldDef, add: (rule: string, message: string) => void): void {
  const options = field.options ?? []
  if (options.length === 0) add('enumOptions', `${field.key}: a drop-down needs at least one option.`)
  if (options.length > MAX_ENUM_OPTIONS)
    add('enumOptions', `${field.key}: ${options.length} options; a drop-down has at most ${MAX_ENUM_OPTIONS}.`)
  const long = options.filter((o) => o.value.length > MAX_ENUM_OPTION_LENGTH || (o.title ?? '').length > MAX_ENUM_OPTION_LENGTH)
  if (long.length > 0)
    add(
      'enumOptionLength',
      `${field.key}: options have at most ${MAX_ENUM_OPTION_LENGTH} characters (${long.map((o) => o.value.slice(0, 20)).join(', ')}).`,
    )
  if (new Set(options.map((o) => o.value)).size !== options.length)
    add('enumOptionUnique', `${field.key}: an option value is listed twice.`)
}

function tagViolations(field: FieldDef, add: (rule: string, message: string) => void): void {
  if (field.maxItems !== undefined && (field.maxItems < 1 || field.maxItems > MAX_TAGS))
    add('tagMaxItems', `${field.key}: a tag field holds 1 to ${MAX_TAGS} tags.`)
  if (field.itemMaxLength !== undefined && (field.itemMaxLength < 1 || field.itemMaxLength > MAX_TAG_LENGTH))
    add('tagItemLength', `${field.key}: each tag has at most ${MAX_TAG_LENGTH} characters.`)
  if ((field.minItems ?? 0) > (field.maxItems ?? MAX_TAGS))
    add('minAboveMax', `${field.key}: the minimum number of tags is above the maximum.`)
  if ((field.itemMinLength ?? 0) > (field.itemMaxLength ?? MAX_TAG_LENGTH))
    add('minAboveMax', `${field.key}: the minimum tag length is above the maximum.`)
}

function between(value: number, min: number | undefined, max: number | undefined, fail: (min: number, max: number | string) => void): void {
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) fail(min ?? 0, max ?? 'any')
}
