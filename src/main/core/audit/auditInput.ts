/**
 * What a caller hands to the audit log's append, checked. The schema is the rule; a fast check that
 * accepts only inputs the schema accepts goes first, because the schema's generic parse (a union per
 * detail value, a copy of the object) was half the cost of an append, and every workflow step appends.
 * Anything the fast check is unsure of goes through the schema, which accepts it or says what is wrong.
 */
import { z } from 'zod'
import type { AuditEntry } from '../../../shared/api'
import { AUDIT_OUTCOMES, AuditOutcomeSchema } from '../../../shared/contract/audit'
import { isDetailValue, isPlainObject } from './plainValues'

/** What a caller records; the log adds seq, time and the chain link. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'time' | 'prev'>

const MAX_SCOPE = 200
const MAX_ACTION = 200
const MAX_TARGET = 2000
const MAX_CORRELATION_ID = 200
const MAX_DETAIL_KEY = 100

const DetailValue = z.union([z.string(), z.number().finite(), z.boolean(), z.null()])
export const AuditInputSchema = z
  .object({
    profile: z.string().max(MAX_SCOPE),
    org: z.string().max(MAX_SCOPE),
    action: z.string().min(1).max(MAX_ACTION),
    target: z.string().max(MAX_TARGET),
    outcome: AuditOutcomeSchema,
    latencyMs: z.number().finite().nonnegative().optional(),
    correlationId: z.string().max(MAX_CORRELATION_ID).optional(),
    detail: z.record(z.string().min(1).max(MAX_DETAIL_KEY), DetailValue).optional(),
  })
  .strict()

const OUTCOMES = new Set<string>(AUDIT_OUTCOMES)
const KEYS = new Set(['profile', 'org', 'action', 'target', 'outcome', 'latencyMs', 'correlationId', 'detail'])

/** The input as the schema would return it; throws the schema's error when it is not one. */
export function checkAuditInput(input: unknown): AuditInput {
  if (plainlyValid(input)) return input
  return AuditInputSchema.parse(input)
}

/** True only for an input the schema accepts as it is (a plain object, every field of the right kind and length). */
function plainlyValid(input: unknown): input is AuditInput {
  if (!isPlainObject(input)) return false
  for (const key in input) if (!KEYS.has(key)) return false
  const { profile, org, action, target, outcome, latencyMs, correlationId, detail } = input
  if (!isString(profile, 0, MAX_SCOPE) || !isString(org, 0, MAX_SCOPE)) return false
  if (!isString(action, 1, MAX_ACTION) || !isString(target, 0, MAX_TARGET)) return false
  if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return false
  if ('latencyMs' in input && !(typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0)) return false
  if ('correlationId' in input && !isString(correlationId, 0, MAX_CORRELATION_ID)) return false
  if ('detail' in input) {
    if (!isPlainObject(detail)) return false
    for (const key in detail) {
      if (key.length < 1 || key.length > MAX_DETAIL_KEY) return false
      if (!isDetailValue(detail[key])) return false
    }
  }
  return true
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max
}
