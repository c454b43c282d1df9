/**
 * A configuration's canonical form is the archive's (archive/canonicalJson.ts: keys sorted, fixed layout):
 * two configurations are identical exactly when their canonical texts are, and a version's canonical
 * SHA-256 is the name its archived file has.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../archive'

export { canonicalJson }

export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
