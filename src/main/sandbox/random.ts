/** mulberry32: a tiny seeded PRNG, so a run with the same seed injects the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A number from a fixed value or a [min, max] range. */
export function pick(range: number | [number, number], random: () => number): number {
  if (typeof range === 'number') return range
  const [min, max] = range
  return min + (max - min) * random()
}
