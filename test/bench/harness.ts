import { spawn } from 'node:child_process'

/** One line of bench-results.json (see shared/design.md, Benchmarks). */
export interface BenchResult {
  ours: number
  anchor: number
  unit: string
  anchor_cmd: string
  ratio: number
  goal: string
  extra?: Record<string, number | string | boolean>
}

export interface Benchmark {
  name: string
  /** What it measures, one line. */
  about: string
  run(): Promise<BenchResult>
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs fn `times` times and returns the median of the seconds each took. */
export async function medianSeconds(times: number, fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint()
    await fn()
    runs.push(Number(process.hrtime.bigint() - started) / 1e9)
  }
  return median(runs)
}

/** Runs a shell command asynchronously (never execSync: an in-process server must keep answering). */
export function sh(command: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`${command} exited ${code}: ${stderr}`))))
  })
}

/** Samples this process's RSS every 20 ms while fn runs; returns the peak growth in MiB. */
export async function peakRssGrowthMiB<T>(fn: () => Promise<T>): Promise<{ value: T; growthMiB: number }> {
  global.gc?.()
  const base = process.memoryUsage.rss()
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
  try {
    const value = await fn()
    peak = Math.max(peak, process.memoryUsage.rss())
    return { value, growthMiB: (peak - base) / 1024 / 1024 }
  } finally {
    clearInterval(timer)
  }
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
