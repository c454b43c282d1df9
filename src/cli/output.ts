import type { AppErrorData } from '../shared/errors'

/** How results leave the CLI: one JSON object a line on stdout for scripts (--json), or lines for people. */
export interface Output {
  readonly json: boolean
  /** One result: the object as is with --json, else `human` (a line or lines). */
  result(value: object, human: string): void
  /** A summary or note for people: stderr with --json (stdout stays parseable), stdout otherwise. */
  info(line: string): void
  error(error: AppErrorData): void
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Output {
  return {
    json,
    result(value, human) {
      stdout.write(json ? JSON.stringify(value) + '\n' : human + '\n')
    },
    info(line) {
      ;(json ? stderr : stdout).write(line + '\n')
    },
    error(error) {
      if (json) stdout.write(JSON.stringify({ error }) + '\n')
      const lines = [`Error: ${error.message}`, error.hint ? `Hint: ${error.hint}` : '']
      if (error.correlationId) lines.push(`Correlation id: ${error.correlationId}`)
      stderr.write(lines.filter(Boolean).join('\n') + '\n')
    },
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(rest).padStart(2, '0')}s` : `${rest}s`
}
