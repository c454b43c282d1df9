/** A Float64Array that grows as values are pushed: 8 bytes per value, no per-item objects. */
export class GrowableArray {
  private data = new Float64Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }

  at(index: number): number {
    return this.data[index]
  }

  /** Number of leading values <= limit, for ascending contents. */
  countAtMost(limit: number): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.data[mid] <= limit) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** A sorted copy of the values. */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort()
  }

  get bytes(): number {
    return this.data.byteLength
  }
}
