/**
 * How a flow's configuration changes from one version to the next, as pure functions of (element key,
 * version number): an element comes and goes in its own cycle, a value switches every few versions, and
 * a list is rotated now and then. Any version's document is built without its predecessors, and
 * neighbouring versions differ by a few changes, as real edits do.
 */

/** Each element changes about once in PACE times its period, so a version differs from the one before by a handful of edits. */
const PACE = 4

/** FNV-1a over the text: a cheap, stable 32-bit hash. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Whether the optional element `key` exists in version `version`: present most of its cycle, absent for a version or three. */
export function presentIn(key: string, version: number): boolean {
  const hash = hashOf(key)
  const cycle = 40 + (hash % 80)
  const absentFor = 3 + ((hash >>> 8) % 8)
  return (version + (hash >>> 12)) % cycle >= absentFor
}

/** One of `choices`, switching to another every `period` versions (at its own phase). */
export function valueIn<T>(key: string, version: number, choices: readonly T[], period = 5): T {
  const hash = hashOf(key)
  const span = period * PACE
  const step = Math.floor((version + (hash % span)) / span)
  return choices[(step + (hash >>> 8)) % choices.length]
}

/** A number in [min, max] that changes every `period` versions. */
export function numberIn(key: string, version: number, min: number, max: number, period = 6): number {
  const span = max - min + 1
  return (
    min +
    valueIn(
      key,
      version,
      Array.from({ length: span }, (_, i) => i),
      period,
    )
  )
}

/** `items` rotated by a step that moves every `period` versions, so a diff sees items moved. */
export function reorderedIn<T>(key: string, version: number, items: T[], period = 7): T[] {
  if (items.length < 2) return items
  const span = period * 2
  const shift = Math.floor((version + (hashOf(key) % span)) / span) % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}
