import { describe, expect, it } from 'vitest'
import { KeyedLock } from '../../../src/main/core/kit'

function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe('KeyedLock', () => {
  it('runs tasks of one key one after another, and tasks of other keys alongside', async () => {
    const lock = new KeyedLock()
    const order: string[] = []
    const first = gate()
    const a1 = lock.run('a', async () => {
      order.push('a1 start')
      await first.opened
      order.push('a1 end')
    })
    const a2 = lock.run('a', async () => {
      order.push('a2')
    })
    const b = lock.run('b', async () => {
      order.push('b')
    })
    await b
    expect(order).toEqual(['a1 start', 'b'])
    first.open()
    await Promise.all([a1, a2])
    expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2'])
  })

  it('a failed task gives its error to its caller and does not stop the next one on its key', async () => {
    const lock = new KeyedLock()
    const failed = lock.run('a', async () => {
      throw new Error('boom')
    })
    const next = lock.run('a', async () => 'ran')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('ran')
  })
})
