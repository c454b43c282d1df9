/**
 * Which array items are "the same item" on both sides. Architect names most things it lists (menus,
 * choices, tasks, actions, variables, prompts) by a refId, an id or a name, directly or one level down
 * (`{ menu: { refId } }`); matching by that key makes a reorder a move instead of a cascade of changes.
 * For each pair of arrays the first key whose values are unique on both sides is used; items without
 * one match by their whole content.
 */
import { canonicalJson, isPlainObject } from './canonicalJson'

const IDENTITY_FIELDS = ['refId', 'id', 'name', 'key'] as const

export interface ItemIdentity {
  field: string
  value: string
  /** What the diff matches on: the wrapper key (if any), the field and its value. */
  hash: string
}

export class ItemIdentities {
  private readonly identities = new WeakMap<object, ItemIdentity>()
  private readonly contents = new WeakMap<object, string>()

  /** Walks both documents in step, naming the items of every pair of arrays found at the same place. */
  learn(left: unknown, right: unknown): void {
    if (Array.isArray(left) && Array.isArray(right)) {
      this.learnArrays(left, right)
    } else if (isPlainObject(left) && isPlainObject(right)) {
      for (const key of Object.keys(left)) if (Object.hasOwn(right, key)) this.learn(left[key], right[key])
    }
  }

  identityOf(item: unknown): ItemIdentity | undefined {
    return typeof item === 'object' && item !== null ? this.identities.get(item) : undefined
  }

  /** For the diff's objectHash: the identity, else the whole content. */
  hashOf(item: object): string {
    const identity = this.identities.get(item)
    if (identity) return identity.hash
    let content = this.contents.get(item)
    if (content === undefined) {
      content = `#${canonicalJson(item)}`
      this.contents.set(item, content)
    }
    return content
  }

  private learnArrays(left: unknown[], right: unknown[]): void {
    const field = IDENTITY_FIELDS.find((f) => isIdentityOn(f, left) && isIdentityOn(f, right) && (hasField(f, left) || hasField(f, right)))
    if (!field) return
    const rightByHash = new Map<string, unknown>()
    for (const item of right) {
      const identity = this.name(item, field)
      if (identity) rightByHash.set(identity.hash, item)
    }
    for (const item of left) {
      const identity = this.name(item, field)
      if (identity && rightByHash.has(identity.hash)) this.learn(item, rightByHash.get(identity.hash))
    }
  }

  private name(item: unknown, field: string): ItemIdentity | undefined {
    const found = identityValue(item, field)
    if (!found || typeof item !== 'object' || item === null) return undefined
    const identity = { field, value: found.value, hash: `${found.wrapper ?? ''}|${field}=${found.value}` }
    this.identities.set(item, identity)
    return identity
  }
}

/** The item's value for `field`, on itself or on the one object it wraps (`{ menu: { refId } }`). */
function identityValue(item: unknown, field: string): { value: string; wrapper?: string } | undefined {
  if (!isPlainObject(item)) return undefined
  const own = scalar(item[field])
  if (own !== undefined) return { value: own }
  const keys = Object.keys(item)
  if (keys.length !== 1) return undefined
  const inner = item[keys[0]]
  const wrapped = isPlainObject(inner) ? scalar(inner[field]) : undefined
  return wrapped === undefined ? undefined : { value: wrapped, wrapper: keys[0] }
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

function hasField(field: string, items: unknown[]): boolean {
  return items.some((item) => identityValue(item, field) !== undefined)
}

/** No two items of the array share a value of `field` (items without one do not count). */
function isIdentityOn(field: string, items: unknown[]): boolean {
  const seen = new Set<string>()
  for (const item of items) {
    const found = identityValue(item, field)
    if (!found) continue
    const key = `${found.wrapper ?? ''}|${found.value}`
    if (seen.has(key)) return false
    seen.add(key)
  }
  return true
}
