import type { SchemaLimits } from '../../../shared/contract/schemas'
import type { DataSchema } from './dataSchema'

const LIMITS_TTL_MS = 5 * 60_000
const MAX_VERSIONS = 200

/**
 * What need not be read twice: a stored version never changes, and the org's limits change rarely (the
 * server checks them again on every PUT). Keyed by org (API address + client), so profiles never mix.
 */
export class SchemaCache {
  private readonly versions = new Map<string, DataSchema>()
  private readonly limits = new Map<string, { at: number; value: Promise<SchemaLimits> }>()

  constructor(private readonly now: () => number = Date.now) {}

  version(org: string, schemaId: string, version: number, read: () => Promise<DataSchema>): Promise<DataSchema> {
    const key = `${org}\n${schemaId}\n${version}`
    const hit = this.versions.get(key)
    if (hit) return Promise.resolve(structuredClone(hit))
    return read().then((schema) => {
      if (this.versions.size >= MAX_VERSIONS) this.versions.delete(this.versions.keys().next().value as string)
      this.versions.set(key, structuredClone(schema))
      return schema
    })
  }

  orgLimits(org: string, read: () => Promise<SchemaLimits>): Promise<SchemaLimits> {
    const hit = this.limits.get(org)
    if (hit && this.now() - hit.at < LIMITS_TTL_MS) return hit.value
    const value = read()
    this.limits.set(org, { at: this.now(), value })
    value.catch(() => this.limits.delete(org))
    return value
  }
}
