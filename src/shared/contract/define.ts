import type { z } from 'zod'

/** Declares a method: its zod input schema; the result type rides along as a phantom. */
export function method<I extends z.ZodType, R>(input: I): { input: I; result: R } {
  return { input, result: undefined as R }
}

/** Declares an event: the payload type rides along as a phantom. */
export function event<P>(): { payload: P } {
  return { payload: undefined as P }
}
