import { randomBytes } from 'node:crypto'
import type { WorkflowSecrets } from '../kit'

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/**
 * An endpoint's signing secrets, sealed in the workflow's secrets: the current one, and during a
 * rotation's grace period the previous one. Opened once and kept in memory: every delivery signs.
 */
export class SigningSecrets {
  private readonly cache = new Map<string, { current: string; previous?: string }>()

  constructor(private readonly secrets: WorkflowSecrets) {}

  create(endpointId: string): string {
    const secret = newSigningSecret()
    this.secrets.seal(currentName(endpointId), secret)
    this.secrets.remove(previousName(endpointId))
    this.cache.set(endpointId, { current: secret })
    return secret
  }

  /** A new current secret; the old one is kept as the previous one (signing beside it until its expiry). */
  rotate(endpointId: string, keepPrevious: boolean): string {
    const old = this.open(endpointId).current
    const secret = newSigningSecret()
    this.secrets.seal(currentName(endpointId), secret)
    if (keepPrevious) this.secrets.seal(previousName(endpointId), old)
    else this.secrets.remove(previousName(endpointId))
    this.cache.set(endpointId, keepPrevious ? { current: secret, previous: old } : { current: secret })
    return secret
  }

  /** The secrets to sign with; the previous one only while `previousValid` says its grace period runs. */
  signingKeys(endpointId: string, previousValid: boolean): string[] {
    const keys = this.open(endpointId)
    return previousValid && keys.previous ? [keys.current, keys.previous] : [keys.current]
  }

  dropPrevious(endpointId: string): void {
    this.secrets.remove(previousName(endpointId))
    const cached = this.cache.get(endpointId)
    if (cached) this.cache.set(endpointId, { current: cached.current })
  }

  remove(endpointId: string): void {
    this.secrets.remove(currentName(endpointId))
    this.secrets.remove(previousName(endpointId))
    this.cache.delete(endpointId)
  }

  private open(endpointId: string): { current: string; previous?: string } {
    const cached = this.cache.get(endpointId)
    if (cached) return cached
    const current = this.secrets.open(currentName(endpointId))
    if (!current) throw new Error(`The signing secret of endpoint ${endpointId} is missing.`)
    const previous = this.secrets.open(previousName(endpointId))
    const keys = previous ? { current, previous } : { current }
    this.cache.set(endpointId, keys)
    return keys
  }
}

const currentName = (endpointId: string) => `${endpointId}-current`
const previousName = (endpointId: string) => `${endpointId}-previous`
