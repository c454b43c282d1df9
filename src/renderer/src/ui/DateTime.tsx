import { formatDate, formatTime, formatTimeWithSeconds } from './format'

interface DateTimeProps {
  /** An ISO 8601 time, as the core sends it. */
  iso: string
  /** Seconds only where they matter (audit entries). */
  seconds?: boolean
  /** The day alone, where the time of day means nothing. */
  dateOnly?: boolean
}

/** A time in the one on-screen format; the full ISO time is in the tooltip and the machine-readable attribute. */
export function DateTime({ iso, seconds, dateOnly }: DateTimeProps) {
  return (
    <time dateTime={iso} title={iso}>
      {dateOnly ? formatDate(iso) : seconds ? formatTimeWithSeconds(iso) : formatTime(iso)}
    </time>
  )
}
