import { describe, expect, it } from 'vitest'
import { Wake } from '../../../src/main/core/recordings/downloads/wake'

const never = new AbortController().signal

/** 'woken' when the sleep returned within a moment, else 'still asleep' (a lost notice). */
async function sleepOutcome(wake: Wake): Promise<string> {
  return Promise.race([
    wake.sleep(undefined, never).then(() => 'woken'),
    new Promise<string>((resolve) => setTimeout(() => resolve('still asleep'), 200)),
  ])
}

describe('a download loop’s wake', () => {
  it('keeps a notice given while the loop is busy after a sleep that ran out (a file done between two polls)', async () => {
    const wake = new Wake()
    await wake.sleep(1, never) // a poll's wait, ended by its timer
    wake.notify() // the last file finishes while the loop is polling
    expect(await sleepOutcome(wake)).toBe('woken')
  })

  it('keeps a notice given after a stop ended the sleep', async () => {
    const wake = new Wake()
    const stop = new AbortController()
    const sleeping = wake.sleep(undefined, stop.signal)
    stop.abort()
    await sleeping
    wake.notify()
    expect(await sleepOutcome(wake)).toBe('woken')
  })

  it('wakes a sleeper, and a notice is used once', async () => {
    const wake = new Wake()
    const sleeping = wake.sleep(undefined, never)
    wake.notify()
    await sleeping
    expect(await sleepOutcome(wake)).toBe('still asleep')
  })
})
