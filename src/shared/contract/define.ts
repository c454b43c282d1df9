import type { z } from 'zod'

/** Declares a method: its zod input schema; the result type rides along as a phantom. */
export function method<I extends z.ZodType, R>(input: I): { input: I; result: R } {
  return { input, result: undefined as R }
}

/**
 * Declares a UI signal: tells screens to refresh and may carry what a screen shows. Signals stay inside
 * the app (renderer, web socket); the payload type rides along as a phantom.
 */
export function signal<P>(): { payload: P } {
  return { payload: undefined as P }
}

/**
 * Declares an app event: something that happened, worth telling the outside (event delivery). Its payload
 * schema is checked when the core emits it, and may only hold the kinds in ./appEventFields.ts
 * (ids, counts, hashes, times, enumerated words), never personal data.
 */
export function appEvent<S extends z.ZodObject>(schema: S): { schema: S; payload: z.output<S> } {
  return { schema, payload: undefined as z.output<S> }
}
