import { setTimeout as delay } from 'node:timers/promises'

const POLL_MS = 200

/** Reads the state every 200 ms until `read` returns a value (jobs report through the core's own lists). */
export async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    await delay(POLL_MS)
  }
}
