/**
 * Direct checks the audit log's fast paths share (see auditInput.ts and auditLine.ts): each accepts only
 * what the zod schemas accept as it is, so the schema stays the rule and the error for anything else.
 */

/** An object made by a literal or JSON.parse (or with no prototype): not an array, class instance or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** A detail value: a string, a finite number, a boolean or null. */
export function isDetailValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
}
