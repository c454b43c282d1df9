/**
 * A structural diff of two configurations: what was added, removed, changed and moved, each with a
 * readable path. jsondiffpatch finds the changes (its array diff is a longest common subsequence over
 * item identities, with moves); this file turns its delta into paths and counts.
 */
import { create, type ArrayDelta, type Delta, type DiffPatcher, type ObjectDelta } from 'jsondiffpatch'
import { ChangeList, CHANGE_LIMITS, type ChangeLimits } from './changeList'
import { isPlainObject } from './canonicalJson'
import { itemPath, propertyPath, ROOT_PATH } from './diffPath'
import { ItemIdentities } from './itemIdentities'

export interface StructuralDiff {
  counts: ChangeList['counts']
  changes: ChangeList['changes']
  truncated: boolean
}

const ARRAY_MOVE = 3

export function structuralDiff(left: unknown, right: unknown, limits: ChangeLimits = CHANGE_LIMITS): StructuralDiff {
  const identities = new ItemIdentities()
  identities.learn(left, right)
  const differ = create({
    objectHash: (item) => identities.hashOf(item),
    arrays: { detectMove: true, includeValueOnMove: false },
    // Values in the delta are the documents' own: nothing is patched, so nothing needs copying.
    cloneDiffValues: false,
  })
  const list = new ChangeList(limits)
  new DeltaWalk(differ, identities, list).walk(differ.diff(left, right), left, right, '')
  return { counts: list.counts, changes: list.changes, truncated: list.truncated }
}

class DeltaWalk {
  constructor(
    private readonly differ: DiffPatcher,
    private readonly identities: ItemIdentities,
    private readonly list: ChangeList,
  ) {}

  walk(delta: Delta, left: unknown, right: unknown, path: string): void {
    if (delta === undefined) return
    if (Array.isArray(delta)) {
      this.leaf(delta, path)
    } else if (delta._t === 'a') {
      this.walkArray(delta as ArrayDelta, Array.isArray(left) ? left : [], Array.isArray(right) ? right : [], path)
    } else {
      const object = delta as ObjectDelta
      const l = isPlainObject(left) ? left : {}
      const r = isPlainObject(right) ? right : {}
      for (const key of inDocumentOrder(Object.keys(object), l, r)) this.walk(object[key], l[key], r[key], propertyPath(path, key))
    }
  }

  private leaf(delta: unknown[], path: string): void {
    const at = path || ROOT_PATH
    if (delta.length === 1) this.list.added(at, delta[0])
    else if (delta.length === 2) this.list.changed(at, delta[0], delta[1])
    else if (delta[2] === 0) this.list.removed(at, delta[0])
  }

  private walkArray(delta: ArrayDelta, left: unknown[], right: unknown[], path: string): void {
    const plan = ArrayPlan.of(delta)
    this.pairEditedInPlace(plan, left, right)
    const steps: { at: number; removedFirst: number; run: () => void }[] = []
    for (const [i, value] of plan.removed) {
      steps.push({ at: i, removedFirst: 0, run: () => this.list.removed(itemPath(path, i, this.identities.identityOf(value)), value) })
    }
    for (const [j, value] of plan.added) {
      steps.push({ at: j, removedFirst: 1, run: () => this.list.added(itemPath(path, j, this.identities.identityOf(value)), value) })
    }
    for (const [i, j] of plan.moves) {
      const at = itemPath(path, j, this.identities.identityOf(right[j]))
      steps.push({
        at: j,
        removedFirst: 1,
        run: () => {
          this.list.moved(at, i, j)
          this.walk(plan.nested.get(j), left[i], right[j], at)
        },
      })
    }
    const aligned = plan.alignment(left.length, right.length)
    for (const [j, nested] of plan.nested) {
      if (plan.movedTo.has(j)) continue
      const i = plan.pairs.get(j) ?? aligned.get(j)
      if (i === undefined) continue
      const at = itemPath(path, j, this.identities.identityOf(right[j]))
      steps.push({ at: j, removedFirst: 1, run: () => this.walk(nested, left[i], right[j], at) })
    }
    steps.sort((a, b) => a.at - b.at || a.removedFirst - b.removedFirst)
    for (const step of steps) step.run()
  }

  /**
   * An item without an identity that was edited stays where it was but no longer matches by content:
   * the delta says removed here, added there. Paired by position (and by sharing most keys), it reads
   * as the changes inside it instead.
   */
  private pairEditedInPlace(plan: ArrayPlan, left: unknown[], right: unknown[]): void {
    const slotsOfRemoved = new Map<number, number>()
    for (const [i, value] of plan.removed) if (this.isAnonymousObject(value)) slotsOfRemoved.set(plan.leftSlot(i), i)
    for (const [j, value] of [...plan.added]) {
      if (!this.isAnonymousObject(value)) continue
      const i = slotsOfRemoved.get(plan.rightSlot(j))
      if (i === undefined || !sharesMostKeys(left[i], value)) continue
      slotsOfRemoved.delete(plan.rightSlot(j))
      plan.removed.delete(i)
      plan.added.delete(j)
      this.identities.learn(left[i], right[j])
      plan.pairs.set(j, i)
      plan.nested.set(j, this.differ.diff(left[i], right[j]))
    }
  }

  private isAnonymousObject(value: unknown): boolean {
    return isPlainObject(value) && this.identities.identityOf(value) === undefined
  }
}

/** One array delta taken apart: removed (by left index), added and nested (by right index), moves. */
class ArrayPlan {
  readonly removed = new Map<number, unknown>()
  readonly added = new Map<number, unknown>()
  readonly nested = new Map<number, Delta>()
  /** left index -> right index */
  readonly moves = new Map<number, number>()
  readonly movedTo = new Set<number>()
  /** Items edited in place, paired here: right index -> left index. */
  readonly pairs = new Map<number, number>()
  private readonly goneLeft: number[]
  private readonly newRight: number[]

  private constructor(delta: ArrayDelta) {
    for (const key of Object.keys(delta)) {
      if (key === '_t') continue
      const entry = (delta as unknown as Record<string, Delta>)[key]
      if (key.startsWith('_')) {
        const i = Number(key.slice(1))
        const step = entry as unknown[]
        if (step[2] === ARRAY_MOVE) {
          this.moves.set(i, step[1] as number)
          this.movedTo.add(step[1] as number)
        } else {
          this.removed.set(i, step[0])
        }
      } else {
        const j = Number(key)
        if (Array.isArray(entry) && entry.length === 1) this.added.set(j, entry[0])
        else this.nested.set(j, entry)
      }
    }
    this.goneLeft = [...this.removed.keys(), ...this.moves.keys()].sort((a, b) => a - b)
    this.newRight = [...this.added.keys(), ...this.movedTo].sort((a, b) => a - b)
  }

  static of(delta: ArrayDelta): ArrayPlan {
    return new ArrayPlan(delta)
  }

  /** How many kept items come before left index i (kept: neither removed nor moved away). */
  leftSlot(i: number): number {
    return i - this.goneLeft.filter((g) => g < i).length
  }

  rightSlot(j: number): number {
    return j - this.newRight.filter((n) => n < j).length
  }

  /** Kept items in order on both sides are the same items: right index -> left index. */
  alignment(leftLength: number, rightLength: number): Map<number, number> {
    const gone = new Set(this.goneLeft)
    const fresh = new Set(this.newRight)
    const kept = Array.from({ length: leftLength }, (_, i) => i).filter((i) => !gone.has(i))
    const map = new Map<number, number>()
    let k = 0
    for (let j = 0; j < rightLength && k < kept.length; j++) {
      if (fresh.has(j)) continue
      map.set(j, kept[k++])
    }
    return map
  }
}

function sharesMostKeys(left: unknown, right: unknown): boolean {
  if (!isPlainObject(left) || !isPlainObject(right)) return false
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  const shared = Object.keys(left).filter((k) => Object.hasOwn(right, k)).length
  return shared * 2 >= keys.size
}

/**
 * Changed keys in the right document's order, then those only on the left in its order: the list reads
 * the same whichever way each side was stored (an archived file has its keys sorted).
 */
function inDocumentOrder(keys: string[], left: Record<string, unknown>, right: Record<string, unknown>): string[] {
  const changed = new Set(keys)
  const ordered = Object.keys(right).filter((key) => changed.has(key))
  const seen = new Set(ordered)
  return [...ordered, ...Object.keys(left).filter((key) => changed.has(key) && !seen.has(key))]
}
