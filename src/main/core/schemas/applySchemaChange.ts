import type { ApplyResult, FieldChange, FieldDef, SchemaReview } from '../../../shared/contract/schemas'
import { AppError, toAppError } from '../../../shared/errors'
import { typedConfirmationMatches } from '../../../shared/typedConfirmation'
import type { DataSchema } from './dataSchema'
import { buildTarget } from './buildTarget'
import { checkLimits } from './limits'
import { parseFields, toJsonSchema } from './fieldModel'
import { rebase } from './rebase'
import { settleUncertainPut } from './settleUncertainPut'
import { changeFacts } from './schemaAudit'
import { toView } from './schemaViews'
import type { SchemaSession } from './schemaSession'

export interface ApplyInput {
  schemaId: string
  baseVersion: number
  proposed: FieldDef[]
  ticked: string[]
  confirmation?: string
}

/**
 * PUT the ticked changes with the version that was read. On 409 nothing is re-sent: the new server
 * version is read, our ticked changes are rebased onto it, and the admin gets a fresh review.
 */
export async function applySchemaChange(session: SchemaSession, input: ApplyInput): Promise<ApplyResult> {
  const { api } = session
  const base = await api.version(input.schemaId, input.baseVersion)
  const baseFields = parseFields(base.jsonSchema)
  const review = await session.review(base, baseFields, input.proposed)
  const ticked = checkTicked(review, input)
  const target = buildTarget(baseFields, input.proposed, review.changes, ticked)
  const applied = review.changes.filter((c) => ticked.has(c.id))
  const violations = checkLimits(target, await session.limits(), {
    fieldsElsewhere: await session.fieldsElsewhere(input.schemaId),
    existingKeys: new Set(baseFields.map((f) => f.key)),
  })
  if (violations.length > 0) {
    throw new AppError({
      code: 'invalid_input',
      message: `The ticked changes break ${violations.length} limit(s): ${violations[0].message}`,
      hint: 'Correct the fields listed under Limits, review again, then apply.',
      details: violations.map((v) => ({ ...v })),
    })
  }
  const started = Date.now()
  const document = toJsonSchema(base.jsonSchema, target)
  const succeeded = async (schema: DataSchema, correlationId?: string, verifiedAfter?: string): Promise<ApplyResult> => {
    const names = applied.map((c) => c.name)
    await session.record(
      'schema.apply',
      input.schemaId,
      'ok',
      { fromVersion: input.baseVersion, toVersion: schema.version, ...(verifiedAfter ? { verifiedAfter } : {}), ...changeFacts(applied) },
      Date.now() - started,
      correlationId,
    )
    await session.updated({ schemaId: input.schemaId, fromVersion: input.baseVersion, toVersion: schema.version, fields: names })
    return { outcome: 'applied', schema: toView(schema), fromVersion: input.baseVersion, appliedFields: names }
  }
  try {
    const response = await api.put(input.schemaId, putBody(base, document))
    return await succeeded(response.data, response.correlationId)
  } catch (error) {
    let appError = toAppError(error)
    if (UNCERTAIN.has(appError.code)) {
      const settled = await settleUncertainPut(api, input.schemaId, input.baseVersion, document, appError)
      if (settled.applied) return await succeeded(settled.schema, appError.correlationId, appError.code)
      appError = settled.error
    }
    const conflict = appError.status === 409
    await session.record(
      'schema.apply',
      input.schemaId,
      'error',
      { fromVersion: input.baseVersion, code: appError.code, status: appError.status ?? null, conflict, ...changeFacts(applied) },
      Date.now() - started,
      appError.correlationId,
    )
    if (!conflict) throw appError
    return { outcome: 'rebased', review: await rebaseOnto(session, base, baseFields, target) }
  }
}

/** Failures after which the PUT may have been applied all the same. */
const UNCERTAIN = new Set(['network', 'timeout', 'server_error'])

async function rebaseOnto(session: SchemaSession, base: DataSchema, baseFields: FieldDef[], mine: FieldDef[]): Promise<SchemaReview> {
  const theirs = await session.api.get(base.id)
  const theirFields = parseFields(theirs.jsonSchema)
  const result = rebase(baseFields, theirFields, mine)
  const review = await session.review(theirs, theirFields, result.fields)
  const rebased = { ...review, rebase: { baseVersion: base.version, theirVersion: theirs.version, ...result.info } }
  await session.record('schema.rebase', base.id, 'ok', {
    baseVersion: base.version,
    theirVersion: theirs.version,
    theirChanges: result.info.theirChanges.length,
    merged: result.info.merged.length,
    conflicts: result.info.conflicts.length,
    conflictFields: result.info.conflicts
      .map((c) => c.name)
      .join(',')
      .slice(0, 900),
  })
  return rebased
}

function checkTicked(review: SchemaReview, input: ApplyInput): Set<string> {
  const byId = new Map(review.changes.map((c) => [c.id, c]))
  const unknown = input.ticked.filter((id) => !byId.has(id))
  if (unknown.length > 0) {
    throw new AppError({
      code: 'invalid_input',
      message: `These ticked changes are not in the review: ${unknown.slice(0, 5).join(', ')}.`,
      hint: 'Review the changes again, then tick what to apply.',
    })
  }
  if (input.ticked.length === 0) {
    throw new AppError({
      code: 'invalid_input',
      message: 'No change is ticked, so there is nothing to apply.',
      hint: 'Tick the changes to apply in the review.',
    })
  }
  const destructive = input.ticked.map((id) => byId.get(id) as FieldChange).filter((c) => c.classification === 'destructive')
  if (destructive.length > 0 && !typedConfirmationMatches(input.confirmation, review.schemaName)) {
    throw new AppError({
      code: 'invalid_input',
      message: `${destructive.length} ticked change(s) are destructive (${destructive.map((c) => c.name).join(', ')}) and were not confirmed.`,
      hint: `Type the schema's name, ${review.schemaName}, to confirm the destructive changes.`,
    })
  }
  return new Set(input.ticked)
}

function putBody(base: DataSchema, jsonSchema: DataSchema['jsonSchema']): DataSchema {
  return {
    id: base.id,
    name: base.name,
    version: base.version,
    ...(base.appliesTo ? { appliesTo: base.appliesTo } : {}),
    ...(base.enabled !== undefined ? { enabled: base.enabled } : {}),
    jsonSchema,
  }
}
