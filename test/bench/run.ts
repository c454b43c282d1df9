/**
 * `npm run bench [name ...]`: each benchmark beside its anchor, measured in the same run, printed as a
 * table and written to bench-results.json at the repository root.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Benchmark, BenchResult } from './harness'
import { benchmarks } from './registry'

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !benchmarks.some((b: Benchmark) => b.name === w))
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}`)
    process.exit(2)
  }
  const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks
  const results: Record<string, BenchResult | { error: string }> = {}
  for (const bench of selected) {
    process.stdout.write(`${bench.name}: ${bench.about} … `)
    try {
      const result = await bench.run()
      results[bench.name] = result
      const extra = result.extra
        ? '  ' +
          Object.entries(result.extra)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : ''
      console.log(
        `ours ${result.ours} ${result.unit} | anchor ${result.anchor} ${result.unit} (${result.anchor_cmd}) | ratio ${result.ratio} | goal ${result.goal}${extra}`,
      )
    } catch (error) {
      results[bench.name] = { error: error instanceof Error ? error.message : String(error) }
      console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const path = join(process.cwd(), 'bench-results.json')
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n')
  console.log(`\nWrote ${path}`)
  if (Object.values(results).some((r) => 'error' in r)) process.exit(1)
}

void main()
