import { describe, expect, it } from 'vitest'
import { afterFreshResults, afterNothingNew, firstPoll } from '../../../src/main/core/recordings/downloads/pollSchedule'

describe('batch request polls', () => {
  it('looks at a new batch 50 ms after its submit, then waits 250 ms growing 1.6x up to 5 s while nothing arrives', () => {
    const poll = firstPoll(1_000)
    expect(poll.nextAt).toBe(1_050)
    const waits: number[] = []
    for (let i = 0; i < 10; i++) {
      afterNothingNew(poll, 10_000)
      waits.push(poll.nextAt - 10_000)
    }
    expect(waits).toEqual([250, 400, 640, 1024, 1638, 2621, 4194, 5000, 5000, 5000])
  })

  it('starts again at 250 ms when results arrive', () => {
    const poll = firstPoll(0)
    for (let i = 0; i < 6; i++) afterNothingNew(poll, 0)
    afterFreshResults(poll, 20_000)
    expect(poll.nextAt).toBe(20_250)
    afterNothingNew(poll, 20_250)
    expect(poll.nextAt).toBe(20_650)
  })
})
