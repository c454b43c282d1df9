import { formatTime, formatTimeWithSeconds } from './format'

interface DateTimeProps {
  /** An ISO 8601 time, as the core sends it. */
  iso: string
  /** Seconds only where they matter (audit entries). */
  seconds?: boolean
}

/** A time in the one on-screen format; the full ISO time is in the tooltip and the machine-readable attribute. */
export function DateTime({ iso, seconds }: DateTimeProps) {
  return (
    <time dateTime={iso} title={iso}>
      {seconds ? formatTimeWithSeconds(iso) : formatTime(iso)}
    </time>
  )
}
