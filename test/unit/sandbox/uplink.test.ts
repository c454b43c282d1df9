import { describe, expect, it } from 'vitest'
import { Uplink, UPLINK_WINDOW_MS, type UplinkTimer } from '../../../src/main/sandbox/uplink'

/** A timer that moves only when run() wakes the earliest sleeper, so the test never waits for real. */
function steppedTimer() {
  let time = 1_000_000
  const sleepers: { at: number; wake: () => void }[] = []
  const timer: UplinkTimer = {
    now: () => time,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: time + ms, wake })),
  }
  /** Runs `work` to the end, moving the time to each wake-up in turn. */
  async function run(work: Promise<unknown>): Promise<void> {
    let finished = false
    void work.finally(() => (finished = true))
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve))
      if (sleepers.length === 0) continue
      sleepers.sort((a, b) => a.at - b.at)
      const next = sleepers.shift()!
      time = Math.max(time, next.at)
      next.wake()
    }
    await work
  }
  return { timer, run, now: () => time }
}

/** One upload body: `chunks` chunks of `chunkBytes`, each drawn from the uplink in turn. */
async function body(uplink: Uplink, chunks: number, chunkBytes: number): Promise<void> {
  for (let i = 0; i < chunks; i++) await uplink.take(chunkBytes)
}

describe('sandbox uplink (a bandwidth cap shared by all upload bodies)', () => {
  it('lets concurrent bodies through at the cap in total: never more than a burst plus a window of the cap in any window', async () => {
    const stepped = steppedTimer()
    const cap = 100_000 // bytes a second: a burst of 10,000
    const uplink = new Uplink(cap, stepped.timer)
    const started = stepped.now()
    // Five bodies of 40 chunks of 2,000 bytes at once: 400,000 bytes.
    await stepped.run(Promise.all(Array.from({ length: 5 }, () => body(uplink, 40, 2000))))

    const stats = uplink.stats()
    expect(stats.bytesPerSecond).toBe(cap)
    expect(stats.burstBytes).toBe(10_000)
    expect(stats.admittedBytes).toBe(400_000)
    expect(stats.waits).toBeGreaterThan(0)
    // The burst goes at once; the rest at exactly the cap (on this timer, sleeps end on time).
    expect(stepped.now() - started).toBeCloseTo(((400_000 - 10_000) / cap) * 1000, 6)
    expect(stats.busiestWindowBytes).toBeGreaterThanOrEqual((cap * UPLINK_WINDOW_MS) / 1000)
    expect(stats.busiestWindowBytes).toBeLessThanOrEqual(stats.burstBytes + (cap * UPLINK_WINDOW_MS) / 1000 + 2000)
  })

  it('waits for nothing without a cap, and a cap set later applies from then on', async () => {
    const stepped = steppedTimer()
    const uplink = new Uplink(null, stepped.timer)
    await stepped.run(body(uplink, 50, 10_000))
    expect(uplink.stats()).toMatchObject({ bytesPerSecond: null, admittedBytes: 500_000, waits: 0 })

    uplink.resetStats()
    uplink.setCap(50_000)
    const started = stepped.now()
    await stepped.run(body(uplink, 10, 10_000))
    expect(uplink.stats()).toMatchObject({ bytesPerSecond: 50_000, admittedBytes: 100_000 })
    expect(uplink.stats().waits).toBeGreaterThan(0)
    expect(stepped.now() - started).toBeCloseTo(((100_000 - 5000) / 50_000) * 1000, 6)

    uplink.setCap(null)
    const lifted = stepped.now()
    await stepped.run(body(uplink, 10, 10_000))
    expect(stepped.now()).toBe(lifted)
    expect(uplink.stats().admittedBytes).toBe(200_000)
  })
})
