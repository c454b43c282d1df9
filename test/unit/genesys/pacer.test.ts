import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RequestPacer } from '../../../src/main/core/genesys/pacer'

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Takes as fast as the pacer allows for `ms` of fake time; returns the fake times of each take. */
async function drain(pacer: RequestPacer, ms: number): Promise<number[]> {
  const times: number[] = []
  const end = Date.now() + ms
  let stop = false
  const loop = (async () => {
    while (!stop) {
      await pacer.take()
      if (!stop) times.push(Date.now())
    }
  })()
  await vi.advanceTimersByTimeAsync(ms)
  stop = true
  void loop.catch(() => undefined)
  return times.filter((t) => t <= end)
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++
    max = Math.max(max, end - start + 1)
  }
  return max
}

describe('RequestPacer', () => {
  it('sends a small burst, then paces at 95% of the documented 300 a minute', async () => {
    const pacer = new RequestPacer()
    const times = await drain(pacer, 10_000)
    expect(times.slice(0, 15).every((t) => t === 1_000_000)).toBe(true)
    expect(times[15]).toBeGreaterThan(1_000_000)
    // 15 at once, then 4.75 a second.
    expect(times.length).toBeGreaterThanOrEqual(15 + 47)
    expect(times.length).toBeLessThanOrEqual(15 + 48)
  })

  it('never sends more than the limit in any 60-second window, yet uses nearly all of it', async () => {
    const pacer = new RequestPacer({ perMinute: 300 })
    const times = await drain(pacer, 180_000)
    expect(maxInAnyWindow(times, 60_000)).toBeLessThanOrEqual(300)
    expect(times.length / 3).toBeGreaterThan(0.9 * 300)
  })

  it('learns the limit from inin-ratelimit-allowed', async () => {
    const pacer = new RequestPacer()
    pacer.observe(200, { 'inin-ratelimit-allowed': '3000', 'inin-ratelimit-count': '1', 'inin-ratelimit-reset': '60' })
    expect(pacer.limit()).toBe(3000)
    const times = await drain(pacer, 60_000)
    expect(times.length).toBeLessThanOrEqual(3000)
    expect(times.length).toBeGreaterThan(2900)
  })

  it('holds every request until the reset when the budget is spent', async () => {
    const pacer = new RequestPacer()
    pacer.observe(429, { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '301', 'inin-ratelimit-reset': '7', 'retry-after': '7' })
    let sent = false
    void pacer.take().then(() => (sent = true))
    await vi.advanceTimersByTimeAsync(6_900)
    expect(sent).toBe(false)
    await vi.advanceTimersByTimeAsync(400)
    expect(sent).toBe(true)
  })

  it('does not hold everyone for a 429 that left budget (only that request waits)', async () => {
    const pacer = new RequestPacer()
    pacer.observe(429, { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '12', 'retry-after': '2' })
    let sent = false
    void pacer.take().then(() => (sent = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toBe(true)
  })

  it('holds everyone for a 429 without rate-limit headers', async () => {
    const pacer = new RequestPacer()
    pacer.observe(429, { 'retry-after': '3' })
    let sent = false
    void pacer.take().then(() => (sent = true))
    await vi.advanceTimersByTimeAsync(2_900)
    expect(sent).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    expect(sent).toBe(true)
  })

  it('lets a waiting request be cancelled', async () => {
    const pacer = new RequestPacer({ perMinute: 20 })
    await pacer.take() // the burst is 1 at this limit
    const controller = new AbortController()
    const waiting = pacer.take(controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('a Retry-After of 999999 s holds the profile for at most 120 s', async () => {
    const pacer = new RequestPacer()
    pacer.observe(429, { 'retry-after': '999999' })
    expect(pacer.heldUntil() - Date.now()).toBe(120_000)
    let sent = false
    const pending = pacer.take().then(() => (sent = true))
    await vi.advanceTimersByTimeAsync(119_000)
    expect(sent).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    await pending
    expect(sent).toBe(true)
  })

  it('a spent budget with a huge reset is capped too, and a later 429 cannot push the hold past the cap', () => {
    const pacer = new RequestPacer({ maxHoldSeconds: 120 })
    pacer.observe(200, { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '300', 'inin-ratelimit-reset': '86400' })
    expect(pacer.heldUntil() - Date.now()).toBe(120_000)
    pacer.observe(429, { 'retry-after': new Date(Date.now() + 30 * 86_400_000).toUTCString() })
    expect(pacer.heldUntil() - Date.now()).toBe(120_000)
  })

  it('tells a request that waits for a hold until when, and again when a new hold moves that time', async () => {
    const pacer = new RequestPacer()
    pacer.observe(200, { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '300', 'inin-ratelimit-reset': '7' })
    const told: number[] = []
    const sent = pacer.take(undefined, (until) => told.push(until - 1_000_000))
    expect(told).toEqual([7_000])
    await vi.advanceTimersByTimeAsync(2_000)
    pacer.observe(429, { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '301', 'retry-after': '30' })
    expect(told).toEqual([7_000, 32_000])
    await vi.advanceTimersByTimeAsync(30_000)
    await sent
  })

  it('tells a request queued a second or more behind others, and not one that goes at the normal pace', async () => {
    const pacer = new RequestPacer({ perMinute: 60 }) // a burst of 3, then 0.95 a second
    for (let i = 0; i < 3; i++) await pacer.take()
    const told: number[] = []
    const taken = Array.from({ length: 3 }, (_, i) => pacer.take(undefined, () => told.push(i)))
    // The first waits about one interval (1,053 ms), the others longer: all told, in queue order.
    expect(told).toEqual([0, 1, 2])
    await vi.advanceTimersByTimeAsync(4_000)
    await Promise.all(taken)
    // At 300 a minute, once the burst of 15 is spent, the next one waits about 210 ms: nothing to tell.
    const fast = new RequestPacer()
    for (let i = 0; i < 15; i++) await fast.take()
    let heard = false
    const next = fast.take(undefined, () => (heard = true))
    await vi.advanceTimersByTimeAsync(300)
    await next
    expect(heard).toBe(false)
  })
})
