import type { Benchmark } from './harness'

/** Every benchmark `npm run bench` knows, in the order it runs them. Each workflow adds its own here. */
export const benchmarks: Benchmark[] = []
