import { expect } from 'vitest'

/** The error `work` rejects with, checked to be a `kind` (the test fails when it resolves instead). */
export async function rejectionOf<T>(work: Promise<unknown>, kind: abstract new (...args: never[]) => T): Promise<T> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(kind)
  return error as T
}
