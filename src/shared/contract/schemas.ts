/**
 * Schema migrations (issue 5): External Contacts custom-field schemas, proposed changes, a classified
 * review, apply with the version that was read, and a rebase after a 409.
 */
import { z } from 'zod'
import { appEvent, method, signal } from './define'
import { entityId, fieldName, listOf, version } from './appEventFields'
import { Empty } from './common'

/** The field types of custom fields, as the coretypes and the admin UI name them. */
export const FIELD_TYPES = [
  'text',
  'longtext',
  'identifier',
  'url',
  'integer',
  'number',
  'checkbox',
  'date',
  'datetime',
  'enum',
  'tag',
] as const
export const FieldType = z.enum(FIELD_TYPES)
export type FieldType = z.infer<typeof FieldType>

/** Words the admin UI uses for each type. */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  longtext: 'Text area',
  identifier: 'Identifier',
  url: 'URL',
  integer: 'Integer',
  number: 'Number',
  checkbox: 'Checkbox',
  date: 'Date',
  datetime: 'Date time',
  enum: 'Dropdown (enum)',
  tag: 'Tag',
}

/** The types' own limits (Genesys Cloud help, "Custom field types"). */
export const TYPE_MAX_LENGTH: Partial<Record<FieldType, number>> = { text: 100, longtext: 1000, identifier: 100, url: 200 }
export const MAX_ENUM_OPTIONS = 50
export const MAX_ENUM_OPTION_LENGTH = 100
export const MAX_TAGS = 10
export const MAX_TAG_LENGTH = 100

/** A field's key is its name plus the type: loyalty_tier + enum -> loyalty_tier_enum. */
export const FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]*$/
export function fieldKey(name: string, type: FieldType): string {
  return `${name}_${type}`
}

export const EnumOption = z
  .object({
    value: z.string().min(1).max(200),
    /** The label shown to agents (_enumProperties); absent when the schema gives none. */
    title: z.string().max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
export type EnumOption = z.infer<typeof EnumOption>

const JsonValue: z.ZodType<unknown> = z.unknown()

/** One custom field, as the app models it; `extra` keeps every attribute we do not model, verbatim. */
export const FieldDef = z
  .object({
    key: z.string().min(1).max(300),
    name: z.string().min(1).max(300),
    type: FieldType,
    title: z.string().max(500).optional(),
    description: z.string().max(5000).optional(),
    required: z.boolean(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    options: z.array(EnumOption).max(1000).optional(),
    itemMinLength: z.number().int().min(0).optional(),
    itemMaxLength: z.number().int().min(0).optional(),
    minItems: z.number().int().min(0).optional(),
    maxItems: z.number().int().min(0).optional(),
    uniqueItems: z.boolean().optional(),
    extra: z.record(z.string(), JsonValue).optional(),
  })
  .strict()
export type FieldDef = z.infer<typeof FieldDef>

export type Classification = 'safe' | 'data-dependent' | 'destructive'
export const CLASSIFICATION_ORDER: Classification[] = ['safe', 'data-dependent', 'destructive']

/** One attribute that changed on a field, classified, with the reason in words. */
export interface AttributeChange {
  attribute: string
  /** e.g. "type", "maxLength.lowered", "option.removed", "required.on" */
  kind: string
  from?: string
  to?: string
  classification: Classification
  reason: string
}

export type FieldChangeKind = 'added' | 'removed' | 'changed'

/** One row of the review: one field, added, removed or changed; ticking applies it whole. */
export interface FieldChange {
  /** Stable within a review: the key of the field before (or after, when added). */
  id: string
  name: string
  kind: FieldChangeKind
  classification: Classification
  reason: string
  before?: FieldDef
  after?: FieldDef
  attributes: AttributeChange[]
}

export interface LimitViolation {
  rule: string
  message: string
  field?: string
}

export interface SchemaLimits {
  maxNumberOfFieldsPerSchema?: number
  maxNumberOfSchemasPerOrg?: number
  maxNumberOfFieldsPerOrg?: number
  minFieldNameCharacters?: number
  maxFieldNameCharacters?: number
  minFieldTitleCharacters?: number
  maxFieldTitleCharacters?: number
  minFieldDescriptionCharacters?: number
  maxFieldDescriptionCharacters?: number
  minSchemaNameCharacters?: number
  maxSchemaNameCharacters?: number
  minSchemaDescriptionCharacters?: number
  maxSchemaDescriptionCharacters?: number
}

export interface SchemaSummary {
  id: string
  name: string
  version: number
  enabled: boolean
  appliesTo: string[]
  fieldCount: number
  dateCreated?: string
}

export interface SchemaView extends SchemaSummary {
  description?: string
  fields: FieldDef[]
  createdBy?: string
}

export interface SchemaVersionView {
  version: number
  dateCreated?: string
  /** The user id the platform records. */
  createdBy?: string
  /** That user's name, when the directory gave it. */
  createdByName?: string
  /** Why only the id is shown (deleted user, no permission, lookup failed). */
  createdByNote?: string
  fieldCount: number
}

/** A three-way conflict: the same field changed by the other admin and by us, in different ways. */
export interface SchemaConflict {
  name: string
  reason: string
  base?: FieldDef
  /** undefined: they removed it. */
  theirs?: FieldDef
  /** undefined: we removed it. */
  mine?: FieldDef
}

export interface RebaseInfo {
  baseVersion: number
  theirVersion: number
  /** Fields the other admin changed meanwhile (kept as they are now on the server). */
  theirChanges: { name: string; kind: FieldChangeKind }[]
  /** Fields changed by both, in different attributes, merged without loss. */
  merged: string[]
  conflicts: SchemaConflict[]
}

export interface SchemaReview {
  schemaId: string
  schemaName: string
  /** The version every change is relative to; Apply sends it. */
  baseVersion: number
  base: FieldDef[]
  proposed: FieldDef[]
  changes: FieldChange[]
  limitViolations: LimitViolation[]
  counts: Record<Classification, number>
  /** Set on the review that follows a 409: what the other admin did and where we collide. */
  rebase?: RebaseInfo
}

export type ApplyResult =
  { outcome: 'applied'; schema: SchemaView; fromVersion: number; appliedFields: string[] } | { outcome: 'rebased'; review: SchemaReview }

/** The app event for an applied schema change (for event delivery): ids, versions and the changed fields' names. */
export const SchemaUpdatedPayload = z
  .object({
    profileId: entityId(),
    schemaId: entityId(),
    fromVersion: version(),
    toVersion: version(),
    fields: listOf(fieldName(), 2000),
  })
  .strict()
export type SchemaUpdatedPayload = z.infer<typeof SchemaUpdatedPayload>

/** UI signal: a schema has a new version (from this window or another): refetch what is shown. */
export interface SchemaChangedSignal {
  schemaId: string
  version: number
}

const SchemaId = z.string().min(1).max(200)
const Version = z.number().int().min(1)
const Proposal = z.array(FieldDef).max(2000)

const ReviewInput = z.object({ schemaId: SchemaId, baseVersion: Version, proposed: Proposal }).strict()
const ApplyInput = z
  .object({
    schemaId: SchemaId,
    baseVersion: Version,
    proposed: Proposal,
    ticked: z.array(z.string().min(1).max(300)).max(2000),
    /** Required when a ticked change is destructive: the schema's name, typed by the admin. */
    confirmation: z.string().max(300).optional(),
  })
  .strict()
const ExportInput = z
  .object({
    schemaId: SchemaId,
    baseVersion: Version,
    proposed: Proposal,
    ticked: z.array(z.string().min(1).max(300)).max(2000),
    /** A folder; default <data dir>/exports/schemas. */
    directory: z.string().max(1000).optional(),
  })
  .strict()

const SchemaRef = z.object({ schemaId: SchemaId }).strict()
const CompareInput = z.object({ schemaId: SchemaId, fromVersion: Version, toVersion: Version }).strict()
const ImportInput = z.object({ schemaId: SchemaId, baseVersion: Version, path: z.string().min(1).max(4000) }).strict()

export const schemaMethods = {
  'schemas.list': method<typeof Empty, SchemaSummary[]>(Empty),
  'schemas.get': method<typeof SchemaRef, SchemaView>(SchemaRef),
  'schemas.versions': method<typeof SchemaRef, SchemaVersionView[]>(SchemaRef),
  'schemas.compare': method<typeof CompareInput, SchemaReview>(CompareInput),
  'schemas.review': method<typeof ReviewInput, SchemaReview>(ReviewInput),
  'schemas.apply': method<typeof ApplyInput, ApplyResult>(ApplyInput),
  'schemas.importProposal': method<typeof ImportInput, SchemaReview>(ImportInput),
  'schemas.exportReview': method<typeof ExportInput, { jsonPath: string; reportPath: string }>(ExportInput),
}

export const schemaSignals = {
  'schema.changed': signal<SchemaChangedSignal>(),
}

export const schemaAppEvents = {
  'schema.updated': appEvent(SchemaUpdatedPayload),
}
