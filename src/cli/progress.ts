import { formatBytes, formatSeconds } from './output'

export interface ProgressSnapshot {
  label: string
  done: number
  total: number
  doneBytes?: number
  totalBytes?: number
  bytesPerSecond?: number
  etaSeconds?: number
}

export interface Progress {
  update(snapshot: ProgressSnapshot): void
  /** Clears the bar so the next line starts clean. */
  stop(): void
}

const WIDTH = 24
const QUIET: Progress = { update: () => undefined, stop: () => undefined }

/**
 * One self-rewriting line on stderr: a bar with items, bytes, rate and time left. Only when stderr is a
 * terminal: in cron, pipes and --json runs nothing is drawn. (A single line with \r needs no library;
 * cli-progress would add a dependency for the same line.)
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return QUIET
  let drawn = false
  let last = 0
  return {
    update(s) {
      const now = Date.now()
      if (now - last < 100 && s.done < s.total) return
      last = now
      const ratio = s.totalBytes ? (s.doneBytes ?? 0) / s.totalBytes : s.total ? s.done / s.total : 0
      const filled = Math.round(Math.min(1, ratio) * WIDTH)
      const parts = [`${s.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${s.done}/${s.total}`]
      if (s.totalBytes) parts.push(`${formatBytes(s.doneBytes ?? 0)} of ${formatBytes(s.totalBytes)}`)
      if (s.bytesPerSecond) parts.push(`${formatBytes(s.bytesPerSecond)}/s`)
      if (s.etaSeconds !== undefined) parts.push(`${formatSeconds(s.etaSeconds)} left`)
      // A terminal that reports no size (0 columns: a pty nobody sized, as under `script` or some CI runners) gets 100.
      const line = parts.join('  ').slice(0, Math.max(20, (stream.columns || 100) - 1))
      stream.write(`\r\x1b[2K${line}`)
      drawn = true
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K')
      drawn = false
    },
  }
}
